package dev.weakrl.models.checkpoint;

import ai.djl.ndarray.types.DataType;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The dtypes DJL 0.35.1's PyTorch engine can hold. Its JNI maps only these (see {@code
 * GetScalarTypeFromDType}); creating or casting to any other, BF16 included, aborts the JVM, so
 * files are checked before anything reaches the engine.
 */
final class EngineTypes {
  private static final Set<DataType> SUPPORTED = EnumSet.of(
      DataType.FLOAT32, DataType.FLOAT64, DataType.FLOAT16, DataType.UINT8, DataType.INT32,
      DataType.INT8, DataType.INT64, DataType.BOOLEAN);

  private EngineTypes() {}

  /** The engine type for a safetensors dtype name, or the exception {@code error} makes. */
  static DataType fromSafetensors(String dtype, Function<String, RuntimeException> error) {
    DataType type;
    try {
      type = DataType.fromSafetensors(dtype);
    } catch (IllegalArgumentException e) {
      throw error.apply("unknown dtype " + dtype);
    }
    if (!SUPPORTED.contains(type)) {
      throw error.apply("dtype " + dtype + " cannot be held by DJL's PyTorch engine (supported: " + SUPPORTED + ")");
    }
    return type;
  }
}
