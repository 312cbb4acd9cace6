package dev.weakrl.models.checkpoint;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import dev.weakrl.common.ParquetFiles;
import dev.weakrl.common.Storage;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridValuesWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/** The Parquet layout of a tensor file: one {@link TensorChunk} per row. */
final class ChunkParquet {
  static final MessageType SCHEMA = Types.buildMessage()
      .required(BINARY).as(stringType()).named("name")
      .required(INT32).named("chunk")
      .required(BINARY).as(stringType()).named("dtype")
      .repeated(INT64).named("shape")
      .required(INT64).named("offset")
      .required(BINARY).named("bytes")
      .required(BINARY).as(stringType()).named("sha256")
      .named("tensor_chunk");
  /** Initial buffer size for the pages of the small columns. */
  private static final int SMALL_PAGE = 4096;

  private ChunkParquet() {}

  static ParquetReader<Group> openReader(String path) throws IOException {
    return new ParquetReader.Builder<Group>(ParquetFiles.input(path), new PlainParquetConfiguration()) {
      @Override
      protected ReadSupport<Group> getReadSupport() {
        return new GroupReadSupport();
      }
    }.build();
  }

  static TensorChunk fromRow(Group row) {
    List<Long> shape = new ArrayList<>();
    for (int i = 0; i < row.getFieldRepetitionCount("shape"); i++) {
      shape.add(row.getLong("shape", i));
    }
    return new TensorChunk(
        row.getString("name", 0),
        row.getInteger("chunk", 0),
        row.getString("dtype", 0),
        shape,
        row.getLong("offset", 0),
        row.getBinary("bytes", 0).toByteBuffer(),
        row.getString("sha256", 0));
  }

  /** A row without its bytes. */
  record ChunkHeader(String name, int index, String dtype, List<Long> shape, long offset, String sha256) {}

  /** Bytes read at a time into a chunk's buffer: each piece is hashed while the next is read. */
  private static final int PIECE = 4 << 20;

  /** Where {@link #readDirect} puts a row's bytes, and the digest that hashes them as they arrive. */
  record Target(ByteBuffer buffer, Sha256.Incremental digest) {}

  /** Where {@link #readDirect} puts each row's bytes. */
  interface ChunkSink {
    /** The target for the {@code length} bytes of {@code row}, its buffer filled from its position. */
    Target reserve(ChunkHeader row, int length);
  }

  /** Raised by {@link #readDirect}, before any row, for a file not laid out as {@link Writer} writes. */
  static final class NotDirectlyReadable extends Exception {
    NotDirectlyReadable(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * Reads a file written by {@link Writer}: the small columns through parquet-java, and the tensor
   * bytes, one plain uncompressed page per row group, straight from the file into the buffers
   * {@code sink} gives, so each byte is copied once (file to tensor) and hashed, piece by piece on
   * the hashing pool, while the next piece is read.
   */
  static void readDirect(String path, ChunkSink sink) throws IOException, NotDirectlyReadable {
    ColumnPath bytesPath = ColumnPath.get("bytes");
    try (ParquetFileReader reader = ParquetFileReader.open(ParquetFiles.input(path));
        SeekableByteChannel channel = seekable(path)) {
      List<BlockMetaData> blocks = reader.getFooter().getBlocks();
      List<ColumnChunkMetaData> bytesColumns = new ArrayList<>();
      for (BlockMetaData block : blocks) {
        ColumnChunkMetaData column = block.getColumns().stream().filter(c -> c.getPath().equals(bytesPath))
            .findFirst().orElseThrow(() -> new NotDirectlyReadable("no bytes column"));
        if (column.getCodec() != CompressionCodecName.UNCOMPRESSED || column.hasDictionaryPage()
            || !column.getEncodings().contains(Encoding.PLAIN)) {
          throw new NotDirectlyReadable("bytes column is compressed or dictionary-encoded");
        }
        bytesColumns.add(column);
      }
      MessageType small = new MessageType(SCHEMA.getName(),
          SCHEMA.getFields().stream().filter(f -> !f.getName().equals("bytes")).toList());
      reader.setRequestedSchema(small);
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(small);
      InputStream in = Channels.newInputStream(channel); // unbuffered: the channel's position stays exact
      ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      PageReadStore pages;
      for (int b = 0; (pages = reader.readNextRowGroup()) != null; b++) {
        channel.position(bytesColumns.get(b).getStartingPos());
        PageHeader page = Util.readPageHeader(in);
        long rows = pages.getRowCount();
        if (page.getType() != PageType.DATA_PAGE || page.getData_page_header().getNum_values() != rows
            || page.getCompressed_page_size() != page.getUncompressed_page_size()) {
          if (b == 0) {
            throw new NotDirectlyReadable("bytes column is not one plain page per row group");
          }
          throw new IOException("row group " + b + ": the bytes column is not one plain page of " + rows + " rows");
        }
        long pageEnd = channel.position() + page.getCompressed_page_size();
        RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(small));
        for (long r = 0; r < rows; r++) {
          ChunkHeader row = header(records.read());
          length.clear();
          readFully(channel, length, path);
          int n = length.flip().getInt();
          if (n < 0 || channel.position() + n > pageEnd) {
            throw new IOException("row group " + b + ", row " + r + ": " + n + " bytes run past the page");
          }
          Target target = sink.reserve(row, n);
          ByteBuffer buffer = target.buffer();
          for (int at = buffer.position(); at < buffer.limit(); at += PIECE) {
            ByteBuffer piece = buffer.slice(at, Math.min(PIECE, buffer.limit() - at));
            readFully(channel, piece, path);
            target.digest().update(piece.flip());
          }
          target.digest().finish();
        }
      }
    }
  }

  private static SeekableByteChannel seekable(String path) throws IOException {
    if (!(Storage.openChannel(path) instanceof SeekableByteChannel channel)) {
      throw new IOException(path + ": the file system gives no seekable channel");
    }
    return channel;
  }

  private static void readFully(SeekableByteChannel channel, ByteBuffer target, String path) throws IOException {
    while (target.hasRemaining()) {
      if (channel.read(target) < 0) {
        throw new EOFException(path + ": unexpected end of file");
      }
    }
  }

  private static ChunkHeader header(Group row) {
    List<Long> shape = new ArrayList<>();
    for (int i = 0; i < row.getFieldRepetitionCount("shape"); i++) {
      shape.add(row.getLong("shape", i));
    }
    return new ChunkHeader(row.getString("name", 0), row.getInteger("chunk", 0), row.getString("dtype", 0), shape,
        row.getLong("offset", 0), row.getString("sha256", 0));
  }

  /**
   * Writes rows column by column through {@link ParquetFileWriter}, so that tensor bytes go from
   * the caller's buffers to the file as they are: a record writer would copy each value to the
   * heap, into its page buffer and into its column chunk buffer first. As with a record writer,
   * a row group ends once it holds {@link TensorFile#CHUNK_BYTES}, and each column chunk is one
   * plain, uncompressed page without statistics, dictionary or checksum (tensor bytes do not
   * compress, and the rows carry SHA-256).
   */
  static final class Writer implements Closeable {
    private final FooterInOrder out;
    private final ParquetFileWriter file;
    private final List<TensorChunk> rowGroup = new ArrayList<>();
    private long rowGroupBytes;

    Writer(String path) throws IOException {
      out = new FooterInOrder(ParquetFiles.output(path));
      file = new ParquetFileWriter(out, SCHEMA, ParquetFileWriter.Mode.OVERWRITE,
          TensorFile.CHUNK_BYTES, /* maxPaddingSize= */ 0, /* encryptionProperties= */ null,
          ParquetProperties.builder().withPageWriteChecksumEnabled(false).build());
      file.start();
    }

    /** Adds a row; its bytes are read when its row group is written, at the latest on close. */
    void write(TensorChunk chunk) throws IOException {
      rowGroup.add(chunk);
      rowGroupBytes += chunk.data().remaining();
      if (rowGroupBytes >= TensorFile.CHUNK_BYTES) {
        writeRowGroup();
      }
    }

    @Override
    public void close() throws IOException {
      try {
        writeRowGroup();
        out.holdBack();
        file.end(Map.of());
      } finally {
        file.close();
        out.close();
      }
    }

    private void writeRowGroup() throws IOException {
      if (rowGroup.isEmpty()) {
        return;
      }
      file.startBlock(rowGroup.size());
      PlainValuesWriter names = plain();
      PlainValuesWriter indexes = plain();
      PlainValuesWriter dtypes = plain();
      PlainValuesWriter offsets = plain();
      PlainValuesWriter sha256s = plain();
      List<BytesInput> data = new ArrayList<>();
      for (TensorChunk chunk : rowGroup) {
        names.writeBytes(Binary.fromString(chunk.name()));
        indexes.writeInteger(chunk.index());
        dtypes.writeBytes(Binary.fromString(chunk.dtype()));
        offsets.writeLong(chunk.offset());
        sha256s.writeBytes(Binary.fromString(chunk.sha256()));
        data.add(BytesInput.fromInt(chunk.data().remaining())); // PLAIN binary: length, then bytes
        data.add(BytesInput.from(chunk.data().duplicate()));
      }
      writeRequired("name", rowGroup.size(), names.getBytes());
      writeRequired("chunk", rowGroup.size(), indexes.getBytes());
      writeRequired("dtype", rowGroup.size(), dtypes.getBytes());
      writeShapes();
      writeRequired("offset", rowGroup.size(), offsets.getBytes());
      writeRequired("bytes", rowGroup.size(), BytesInput.concat(data));
      writeRequired("sha256", rowGroup.size(), sha256s.getBytes());
      file.endBlock();
      rowGroup.clear();
      rowGroupBytes = 0;
    }

    /** A required column has no levels: its page is just the values. */
    private void writeRequired(String column, int values, BytesInput page) throws IOException {
      writeColumn(column, values, page, Encoding.BIT_PACKED);
    }

    /**
     * The repeated {@code shape}: each dimension is a value with definition level 1 and
     * repetition level 0 if it starts its row, else 1; a scalar's empty shape is one level pair
     * (0, 0) with no value. Each level stream is RLE-encoded behind its byte length.
     */
    private void writeShapes() throws IOException {
      RunLengthBitPackingHybridValuesWriter repetition = levels();
      RunLengthBitPackingHybridValuesWriter definition = levels();
      PlainValuesWriter dims = plain();
      int entries = 0;
      for (TensorChunk chunk : rowGroup) {
        if (chunk.shape().isEmpty()) {
          repetition.writeInteger(0);
          definition.writeInteger(0);
          entries++;
        }
        for (int i = 0; i < chunk.shape().size(); i++) {
          repetition.writeInteger(i == 0 ? 0 : 1);
          definition.writeInteger(1);
          dims.writeLong(chunk.shape().get(i));
          entries++;
        }
      }
      writeColumn("shape", entries, BytesInput.concat(repetition.getBytes(), definition.getBytes(), dims.getBytes()),
          Encoding.RLE);
    }

    private void writeColumn(String column, int values, BytesInput page, Encoding levelEncoding) throws IOException {
      ColumnDescriptor descriptor = SCHEMA.getColumnDescription(new String[] {column});
      file.startColumn(descriptor, values, CompressionCodecName.UNCOMPRESSED);
      file.writeDataPage(values, Math.toIntExact(page.size()), page,
          Statistics.getBuilderForReading(descriptor.getPrimitiveType()).build(), rowGroup.size(),
          levelEncoding, levelEncoding, Encoding.PLAIN);
      file.endColumn();
    }

    private static PlainValuesWriter plain() {
      return new PlainValuesWriter(SMALL_PAGE, SMALL_PAGE, HeapByteBufferAllocator.getInstance());
    }

    private static RunLengthBitPackingHybridValuesWriter levels() {
      return new RunLengthBitPackingHybridValuesWriter(1, SMALL_PAGE, SMALL_PAGE, HeapByteBufferAllocator.getInstance());
    }
  }

  /**
   * The file's stream, holding back what {@link ParquetFileWriter#end} writes (indexes and footer)
   * to sort each column's list of encodings before it reaches the file: parquet-java collects them
   * in a {@code HashSet} of enums, whose order follows identity hash codes and so differs between
   * processes, and the same tensors would not give the same bytes. Sorting keeps the footer's
   * length, so nothing else in the file moves.
   */
  private static final class FooterInOrder implements OutputFile {
    private final OutputFile file;
    private PositionOutputStream out;
    private ByteArrayOutputStream tail;
    private boolean closed;

    FooterInOrder(OutputFile file) {
      this.file = file;
    }

    /** From now on bytes are held back until {@link #close}. */
    void holdBack() {
      tail = new ByteArrayOutputStream();
    }

    void close() throws IOException {
      if (closed || out == null) {
        return;
      }
      closed = true;
      try (PositionOutputStream stream = out) {
        if (tail != null) {
          stream.write(withSortedEncodings(tail.toByteArray()));
        }
      }
    }

    /** {@code tail} ends with the footer, its little-endian length and "PAR1". */
    private static byte[] withSortedEncodings(byte[] tail) throws IOException {
      int length = ByteBuffer.wrap(tail, tail.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      int start = tail.length - 8 - length;
      FileMetaData footer = Util.readFileMetaData(new ByteArrayInputStream(tail, start, length));
      for (RowGroup group : footer.getRow_groups()) {
        for (ColumnChunk column : group.getColumns()) {
          column.getMeta_data().getEncodings().sort(Comparator.comparingInt(org.apache.parquet.format.Encoding::getValue));
        }
      }
      ByteArrayOutputStream sorted = new ByteArrayOutputStream(length);
      Util.writeFileMetaData(footer, sorted);
      if (sorted.size() != length) {
        throw new IOException("the sorted footer has " + sorted.size() + " bytes, the written one " + length);
      }
      System.arraycopy(sorted.toByteArray(), 0, tail, start, length);
      return tail;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
      return stream(file.create(blockSizeHint));
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
      return stream(file.createOrOverwrite(blockSizeHint));
    }

    private PositionOutputStream stream(PositionOutputStream opened) {
      out = opened;
      return new PositionOutputStream() {
        @Override
        public long getPos() throws IOException {
          return out.getPos() + (tail == null ? 0 : tail.size());
        }

        @Override
        public void write(int b) throws IOException {
          if (tail == null) {
            out.write(b);
          } else {
            tail.write(b);
          }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          if (tail == null) {
            out.write(b, off, len);
          } else {
            tail.write(b, off, len);
          }
        }

        @Override
        public void flush() throws IOException {
          if (tail == null) {
            out.flush();
          }
        }

        @Override
        public void close() throws IOException {
          FooterInOrder.this.close();
        }
      };
    }

    @Override
    public boolean supportsBlockSize() {
      return file.supportsBlockSize();
    }

    @Override
    public long defaultBlockSize() {
      return file.defaultBlockSize();
    }

    @Override
    public String getPath() {
      return file.getPath();
    }
  }
}
