package dev.weakrl.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet files at {@link Storage} paths (local or gs://), with rows as JSON objects: {@link
 * #write} gives each row's members the columns of a schema, {@link #forEach} reads any file by
 * its own schema. Code that writes or reads column pages itself (the checkpoint's tensor chunks,
 * whose bytes must reach the file without copies) opens the file through {@link #output} and
 * {@link #input}.
 */
public final class ParquetFiles {
  private static final int WRITE_BUFFER = 1 << 20;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ParquetFiles() {}

  /**
   * Writes {@code rows} to {@code path} with {@code schema}, Snappy-compressed. A column takes
   * the row member of its name (a struct: an object; a LIST in the standard 3-level layout: an
   * array); null or absent leaves an optional column empty. Members outside the schema are not
   * written.
   */
  public static void write(String path, MessageType schema, Iterable<? extends JsonNode> rows) {
    // Written under a temporary name and renamed: a failed write (a full disk) leaves no partial
    // file where readers look, nor a name ending in .parquet.
    String temp = path + ".tmp-" + UUID.randomUUID();
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(output(temp))
        .withType(schema)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .build()) {
      for (JsonNode row : rows) {
        Group group = groups.newGroup();
        fill(path, group, row);
        writer.write(group);
      }
    } catch (IOException | RuntimeException e) {
      Storage.deleteQuietly(temp);
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new UncheckedIOException("cannot write " + path, (IOException) e);
    }
    Storage.rename(temp, path);
  }

  /** The file's schema. */
  public static MessageType schema(String path) {
    try (ParquetFileReader reader = ParquetFileReader.open(input(path))) {
      return reader.getFooter().getFileMetaData().getSchema();
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": not a readable Parquet file", e);
    }
  }

  /**
   * Calls {@code row} with each row as a JSON object, in file order. Column names are taken as
   * they are (they may be any string); an empty optional column is null; lists and maps, in both
   * the standard and the legacy layouts, become arrays and objects.
   */
  public static void forEach(String path, Consumer<ObjectNode> row) {
    long[] n = {0};
    forEach(path, r -> {
      n[0]++;
      row.accept(r);
    }, invalid -> {
      throw new IllegalArgumentException(path + " row " + n[0] + ": " + invalid);
    });
  }

  /**
   * As {@link #forEach(String, Consumer)}, with a row whose text is not valid UTF-8 handed to
   * {@code invalid} (why, naming the column) instead of {@code row}: text columns are decoded
   * strictly, never into U+FFFD.
   */
  public static void forEach(String path, Consumer<ObjectNode> row, Consumer<String> invalid) {
    try (ParquetFileReader reader = ParquetFileReader.open(input(path))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(schema));
        for (long i = 0; i < pages.getRowCount(); i++) {
          Group record = records.read();
          ObjectNode object;
          try {
            object = toObject(record);
          } catch (InvalidText e) {
            invalid.accept(e.getMessage());
            continue;
          }
          row.accept(object);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": not a readable Parquet file", e);
    }
  }

  /** For readers that decode the rows themselves (the tensor chunks). */
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
                throw new EOFException(path + ": unexpected end of file");
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

  /** For writers that encode the rows themselves (the tensor chunks' column writer). */
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

  /** Sets each field of {@code group} from the same-named member of {@code row}. */
  private static void fill(String path, Group group, JsonNode row) {
    GroupType type = group.getType();
    for (int f = 0; f < type.getFieldCount(); f++) {
      Type field = type.getType(f);
      JsonNode value = row.get(field.getName());
      if (value != null && !value.isNull()) {
        add(path, group, f, value);
      } else if (field.isRepetition(Type.Repetition.REQUIRED)) {
        throw new IllegalArgumentException(path + ": no value for required column '" + field.getName() + "'");
      }
    }
  }

  private static void add(String path, Group group, int field, JsonNode value) {
    Type type = group.getType().getType(field);
    if (type.isPrimitive()) {
      addPrimitive(path, group, field, type.asPrimitiveType(), value);
    } else if (type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
      check(path, type, value, value.isArray());
      Group list = group.addGroup(field);
      for (JsonNode element : value) {
        Group entry = list.addGroup(0); // repeated group list { element }
        if (!element.isNull()) {
          add(path, entry, 0, element);
        }
      }
    } else {
      check(path, type, value, value.isObject());
      fill(path, group.addGroup(field), value);
    }
  }

  private static void addPrimitive(String path, Group group, int field, PrimitiveType type, JsonNode value) {
    check(path, type, value, switch (type.getPrimitiveTypeName()) {
      case BOOLEAN -> value.isBoolean();
      case INT32 -> value.isIntegralNumber() && value.canConvertToInt();
      case INT64 -> value.isIntegralNumber() && value.canConvertToLong();
      case DOUBLE -> value.isNumber();
      case BINARY -> value.isTextual() && isText(type);
      default -> false;
    });
    switch (type.getPrimitiveTypeName()) {
      case BOOLEAN -> group.add(field, value.booleanValue());
      case INT32 -> group.add(field, value.intValue());
      case INT64 -> group.add(field, value.longValue());
      case DOUBLE -> group.add(field, value.doubleValue());
      case BINARY -> group.add(field, value.textValue());
    }
  }

  private static void check(String path, Type type, JsonNode value, boolean fits) {
    if (!fits) {
      throw new IllegalArgumentException(
          path + ": column '" + type.getName() + "' cannot hold a " + value.getNodeType() + " value");
    }
  }

  private static ObjectNode toObject(Group group) {
    ObjectNode node = NODES.objectNode();
    GroupType type = group.getType();
    for (int f = 0; f < type.getFieldCount(); f++) {
      Type field = type.getType(f);
      int count = group.getFieldRepetitionCount(f);
      if (field.isRepetition(Type.Repetition.REPEATED)) {
        ArrayNode values = node.putArray(field.getName());
        for (int i = 0; i < count; i++) {
          values.add(value(group, f, i));
        }
      } else {
        node.set(field.getName(), count == 0 ? NODES.nullNode() : value(group, f, 0));
      }
    }
    return node;
  }

  private static JsonNode value(Group group, int field, int index) {
    Type type = group.getType().getType(field);
    if (type.isPrimitive()) {
      return primitive(group, field, index, type.asPrimitiveType());
    }
    Group child = group.getGroup(field, index);
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
      return list(child);
    }
    if (logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation) {
      return map(child);
    }
    return toObject(child);
  }

  /** LIST: a repeated group {@code list} of {@code element}, or (legacy) a repeated element. */
  private static ArrayNode list(Group list) {
    ArrayNode values = NODES.arrayNode();
    if (list.getType().getFieldCount() == 0) {
      return values;
    }
    Type repeated = list.getType().getType(0);
    for (int i = 0; i < list.getFieldRepetitionCount(0); i++) {
      boolean wrapped = !repeated.isPrimitive() && repeated.asGroupType().getFieldCount() == 1
          && repeated.getLogicalTypeAnnotation() == null
          && !repeated.getName().equals("array") && !repeated.getName().endsWith("_tuple");
      if (wrapped) {
        Group element = list.getGroup(0, i);
        values.add(element.getFieldRepetitionCount(0) == 0 ? NODES.nullNode() : value(element, 0, 0));
      } else {
        values.add(value(list, 0, i));
      }
    }
    return values;
  }

  /** MAP: a repeated group of {@code key}, {@code value}; keys become strings. */
  private static ObjectNode map(Group map) {
    ObjectNode values = NODES.objectNode();
    for (int i = 0; i < map.getFieldRepetitionCount(0); i++) {
      Group entry = map.getGroup(0, i);
      JsonNode key = value(entry, 0, 0);
      JsonNode v = entry.getFieldRepetitionCount(1) == 0 ? NODES.nullNode() : value(entry, 1, 0);
      values.set(key.asText(), v);
    }
    return values;
  }

  private static JsonNode primitive(Group group, int field, int index, PrimitiveType type) {
    return switch (type.getPrimitiveTypeName()) {
      case BOOLEAN -> NODES.booleanNode(group.getBoolean(field, index));
      case INT32 -> NODES.numberNode(group.getInteger(field, index));
      case INT64 -> NODES.numberNode(group.getLong(field, index));
      case FLOAT -> NODES.numberNode(group.getFloat(field, index));
      case DOUBLE -> NODES.numberNode(group.getDouble(field, index));
      case BINARY, FIXED_LEN_BYTE_ARRAY, INT96 -> isText(type)
          ? NODES.textNode(text(group, field, index))
          : NODES.binaryNode(group.getBinary(field, index).getBytes());
    };
  }

  /** A text column's value, decoded strictly. */
  private static String text(Group group, int field, int index) {
    try {
      return Utf8.decode(group.getBinary(field, index).getBytes());
    } catch (IllegalArgumentException e) {
      throw new InvalidText("column " + group.getType().getFieldName(field) + ": " + e.getMessage());
    }
  }

  /** A text value that is not UTF-8: the row is unreadable, the file may still be fine. */
  private static final class InvalidText extends RuntimeException {
    InvalidText(String message) {
      super(message);
    }
  }

  private static boolean isText(PrimitiveType type) {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    return logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation;
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
