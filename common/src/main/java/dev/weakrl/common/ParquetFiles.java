package dev.weakrl.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/** Parquet {@link InputFile}/{@link OutputFile} over {@link Storage} paths (local or gs://). */
public final class ParquetFiles {
  private static final int WRITE_BUFFER = 1 << 20;

  private ParquetFiles() {}

  public static InputFile input(String path) {
    return new InputFile() {
      @Override
      public long getLength() {
        return Storage.size(path);
      }

      @Override
      public SeekableInputStream newStream() throws IOException {
        if (!(Storage.openChannel(path) instanceof SeekableByteChannel channel)) {
          throw new IOException(path + ": the file system gives no seekable channel");
        }
        return new DelegatingSeekableInputStream(Channels.newInputStream(channel)) {
          @Override
          public long getPos() throws IOException {
            return channel.position();
          }

          @Override
          public void seek(long newPos) throws IOException {
            channel.position(newPos);
          }

          @Override
          public void readFully(ByteBuffer buf) throws IOException {
            while (buf.hasRemaining()) {
              if (channel.read(buf) < 0) {
                throw new java.io.EOFException(path + ": unexpected end of file");
              }
            }
          }
        };
      }

      @Override
      public String toString() {
        return path;
      }
    };
  }

  public static OutputFile output(String path) {
    return new OutputFile() {
      @Override
      public PositionOutputStream create(long blockSizeHint) throws IOException {
        return new ChannelOutputStream(Storage.createChannel(path));
      }

      @Override
      public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return create(blockSizeHint);
      }

      @Override
      public boolean supportsBlockSize() {
        return false;
      }

      @Override
      public long defaultBlockSize() {
        return 0;
      }

      @Override
      public String getPath() {
        return path;
      }
    };
  }

  /**
   * Buffers into a direct buffer: Parquet hands over its pages in small pieces, and a channel
   * given a heap buffer first copies it into a temporary direct one.
   */
  private static final class ChannelOutputStream extends PositionOutputStream {
    private final WritableByteChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(WRITE_BUFFER);
    private long pos;

    ChannelOutputStream(WritableByteChannel channel) {
      this.channel = channel;
    }

    @Override
    public long getPos() {
      return pos;
    }

    @Override
    public void write(int b) throws IOException {
      if (!buffer.hasRemaining()) {
        drain();
      }
      buffer.put((byte) b);
      pos++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      pos += len;
      while (len > 0) {
        if (!buffer.hasRemaining()) {
          drain();
        }
        int n = Math.min(len, buffer.remaining());
        buffer.put(b, off, n);
        off += n;
        len -= n;
      }
    }

    @Override
    public void flush() throws IOException {
      drain();
    }

    @Override
    public void close() throws IOException {
      try (channel) {
        drain();
      }
    }

    private void drain() throws IOException {
      buffer.flip();
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      buffer.clear();
    }
  }
}
