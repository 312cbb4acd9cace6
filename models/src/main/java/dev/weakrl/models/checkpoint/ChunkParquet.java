package dev.weakrl.models.checkpoint;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import dev.weakrl.common.ParquetFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
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
  private static final SimpleGroupFactory ROWS = new SimpleGroupFactory(SCHEMA);

  private ChunkParquet() {}

  /**
   * Uncompressed, plain-encoded, without statistics or page checksums: tensor bytes do not
   * compress, and the rows carry SHA-256. Row groups are flushed as soon as they reach one chunk,
   * checked after every row because a single row can be {@link TensorFile#CHUNK_BYTES} long.
   */
  static ParquetWriter<Group> openWriter(String path) throws IOException {
    return ExampleParquetWriter.builder(ParquetFiles.output(path))
        .withConf(new PlainParquetConfiguration())
        .withType(SCHEMA)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
        .withDictionaryEncoding(false)
        .withStatisticsEnabled(false)
        .withSizeStatisticsEnabled(false)
        .withPageWriteChecksumEnabled(false)
        .withPageSize(TensorFile.CHUNK_BYTES)
        .withRowGroupSize((long) TensorFile.CHUNK_BYTES)
        .withMinRowCountForPageSizeCheck(1)
        .withMaxRowCountForPageSizeCheck(1)
        .build();
  }

  static ParquetReader<Group> openReader(String path) throws IOException {
    return new ParquetReader.Builder<Group>(ParquetFiles.input(path), new PlainParquetConfiguration()) {
      @Override
      protected ReadSupport<Group> getReadSupport() {
        return new GroupReadSupport();
      }
    }.build();
  }

  static Group toRow(TensorChunk chunk) {
    Group row = ROWS.newGroup()
        .append("name", chunk.name())
        .append("chunk", chunk.index())
        .append("dtype", chunk.dtype());
    chunk.shape().forEach(d -> row.add("shape", d.longValue()));
    return row
        .append("offset", chunk.offset())
        .append("bytes", Binary.fromConstantByteBuffer(chunk.data()))
        .append("sha256", chunk.sha256());
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
}
