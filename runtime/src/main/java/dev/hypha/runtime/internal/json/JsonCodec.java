package dev.hypha.runtime.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.hypha.runtime.spi.TypeRef;
import java.lang.reflect.Type;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes values to JSON and reads them back with their full generic type, the user's sealed types
 * included (see {@link SealedTypes}). One instance serves the whole runtime; it is thread-safe and
 * caches a reader per type.
 */
public final class JsonCodec {
  private final ObjectMapper mapper;

  /** Whether small values skip Jackson: only with Hypha's own mapper, never a user's. */
  private final boolean fastScalars;

  private final ConcurrentHashMap<Type, ObjectReader> readers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Type, ObjectWriter> writers = new ConcurrentHashMap<>();

  public JsonCodec() {
    this.mapper =
        JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .annotationIntrospector(
                AnnotationIntrospector.pair(new JacksonAnnotationIntrospector(), new SealedTypes()))
            .build();
    this.fastScalars = true;
  }

  /**
   * A codec on a copy of the user's {@code mapper} (their modules, naming and features), with the
   * {@code Optional} and {@code java.time} modules Hypha's own types need added if missing. Later
   * changes to {@code mapper} do not reach the copy.
   */
  public JsonCodec(ObjectMapper mapper) {
    ObjectMapper copy = mapper.copy();
    copy.setAnnotationIntrospectors(
        AnnotationIntrospector.pair(
            copy.getSerializationConfig().getAnnotationIntrospector(), new SealedTypes()),
        AnnotationIntrospector.pair(
            copy.getDeserializationConfig().getAnnotationIntrospector(), new SealedTypes()));
    this.mapper = copy.registerModule(new Jdk8Module()).registerModule(new JavaTimeModule());
    this.fastScalars = false;
  }

  /** The value as JSON text; {@code "null"} for null. */
  public String write(Object value) throws JsonProcessingException {
    if (fastScalars) {
      String json = Scalars.write(value);
      if (json != null) {
        return json;
      }
    }
    return mapper.writeValueAsString(value);
  }

  /**
   * The value as JSON text written as {@code declared}, so that what only the declared type says
   * (the subtype of a sealed element in a {@code List<Decision>}) is written too.
   */
  public String write(Object value, TypeRef<?> declared) throws JsonProcessingException {
    if (fastScalars) {
      String json = Scalars.write(value);
      if (json != null) {
        return json;
      }
    }
    if (value == null || declared.isVoid() || declared.type() instanceof Class<?>) {
      // A plain class: the value's own class says as much, and it is what Jackson looks up fastest.
      return mapper.writeValueAsString(value);
    }
    return writers.computeIfAbsent(declared.type(), this::writerFor).writeValueAsString(value);
  }

  /** Reads {@code json} as {@code type}. */
  public Object read(String json, TypeRef<?> type) throws JsonProcessingException {
    if (type.isVoid()) {
      return null;
    }
    if (fastScalars) {
      Object value = Scalars.read(json, type.type());
      if (value != Scalars.NOT_HANDLED) {
        return value;
      }
    }
    return readers.computeIfAbsent(type.type(), this::readerFor).readValue(json);
  }

  /**
   * The elements of {@code json}, an array, each as the JSON text of its own: what the instances of
   * a fan-out each decode. Copied token by token, so no tree of the whole list is built.
   *
   * @throws JsonProcessingException if {@code json} is not an array
   */
  public java.util.List<String> elements(String json) throws JsonProcessingException {
    try (com.fasterxml.jackson.core.JsonParser parser = mapper.getFactory().createParser(json)) {
      if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
        throw new com.fasterxml.jackson.core.JsonParseException(parser, "not a JSON array");
      }
      java.util.List<String> elements = new java.util.ArrayList<>();
      while (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
        java.io.StringWriter element = new java.io.StringWriter(32);
        try (com.fasterxml.jackson.core.JsonGenerator copy =
            mapper.getFactory().createGenerator(element)) {
          copy.copyCurrentStructureExact(parser);
        }
        elements.add(element.toString());
      }
      return elements;
    } catch (JsonProcessingException e) {
      throw e;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("could not read JSON from a string", e);
    }
  }

  /**
   * Reads {@code json} as {@code type} and drops the value: a check that a value just written reads
   * back. Free for the types that always do (strings, numbers, booleans, null).
   */
  public void checkReadable(String json, TypeRef<?> type) throws JsonProcessingException {
    if (type.isVoid() || "null".equals(json) || ALWAYS_READABLE.contains(type.type())) {
      return;
    }
    read(json, type);
  }

  private static final java.util.Set<Type> ALWAYS_READABLE =
      java.util.Set.of(
          String.class,
          Integer.class,
          Long.class,
          Double.class,
          Float.class,
          Short.class,
          Byte.class,
          Boolean.class,
          Character.class,
          java.math.BigDecimal.class,
          java.math.BigInteger.class,
          Object.class);

  /**
   * What is wrong with a JSON text that could not be read, naming the field where Jackson knows it:
   * {@code field lines[0].quantity: Cannot deserialize value of type int from String "x"}.
   */
  public static String describe(Exception error) {
    if (error instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
        && !mapping.getPath().isEmpty()) {
      StringBuilder path = new StringBuilder();
      for (com.fasterxml.jackson.databind.JsonMappingException.Reference reference :
          mapping.getPath()) {
        if (reference.getFieldName() != null) {
          path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
        } else if (reference.getIndex() >= 0) {
          path.append('[').append(reference.getIndex()).append(']');
        }
      }
      return "field " + path + ": " + firstLine(mapping.getOriginalMessage());
    }
    if (error instanceof com.fasterxml.jackson.core.JsonProcessingException processing) {
      return firstLine(processing.getOriginalMessage());
    }
    return firstLine(String.valueOf(error.getMessage()));
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** The shared mapper, for callers that build JSON trees (results of several sinks). */
  public ObjectMapper mapper() {
    return mapper;
  }

  private ObjectWriter writerFor(Type type) {
    return mapper.writerFor(mapper.getTypeFactory().constructType(type));
  }

  private ObjectReader readerFor(Type type) {
    JavaType javaType = mapper.getTypeFactory().constructType(type);
    return mapper.readerFor(javaType);
  }
}
