package dev.weakrl.common;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding. Java's usual decoding turns bytes that are not UTF-8 into U+FFFD without
 * a word; text read from users' files is decoded here instead, so such bytes are an error that
 * says where they are.
 */
public final class Utf8 {
  private Utf8() {}

  /** {@code bytes} as text; an {@link IllegalArgumentException} names the first invalid byte and its offset. */
  public static String decode(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new IllegalArgumentException(String.format("not valid UTF-8: byte 0x%02X at byte offset %d",
          bytes[in.position()] & 0xff, in.position()));
    }
    decoder.flush(out);
    return out.flip().toString();
  }
}
