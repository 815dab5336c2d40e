package dev.hypha.samples.spring;

/** Packs an order into a parcel; a bean the {@link Packing} flow gets injected. */
public interface Packer {
  /** The parcel of {@code order}. */
  String pack(String order);
}
