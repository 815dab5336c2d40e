package dev.hypha.samples.spring;

import org.springframework.stereotype.Component;

/** The application's {@link Packer}. */
@Component
public class CardboardPacker implements Packer {
  @Override
  public String pack(String order) {
    return "box(" + order + ")";
  }
}
