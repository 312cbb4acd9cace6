package dev.weakrl.models.checkpoint;

/** A checkpoint or tensor file that is truncated, altered or incomplete; the message names the file. */
public class CorruptCheckpointException extends RuntimeException {
  public CorruptCheckpointException(String message) {
    super(message);
  }

  public CorruptCheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
