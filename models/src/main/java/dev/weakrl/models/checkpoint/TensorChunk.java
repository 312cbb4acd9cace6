package dev.weakrl.models.checkpoint;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One row of a tensor file: bytes {@code [offset, offset + data.remaining())} of tensor {@code
 * name}, little-endian as in memory.
 */
record TensorChunk(
    String name, int index, String dtype, List<Long> shape, long offset, ByteBuffer data, String sha256) {}
