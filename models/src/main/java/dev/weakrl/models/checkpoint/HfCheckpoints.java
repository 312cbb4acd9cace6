package dev.weakrl.models.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.nn.LlamaConfig;
import dev.weakrl.models.tokenizer.Tokenizer;
import dev.weakrl.models.tokenizer.Tokenizers;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hugging Face model directories: {@code config.json}, {@code tokenizer.json} (and its config
 * files), and the weights as {@code model.safetensors} or the shards that {@code
 * model.safetensors.index.json} lists. A safetensors file is an 8-byte little-endian header length,
 * a JSON header {@code {name: {dtype, shape, data_offsets: [begin, end]}}} (offsets into the data
 * that follows), then the raw little-endian tensor bytes.
 *
 * <p>Loading checks everything it can before it reads a weight: the config, every header against
 * its file's size, every tensor's shape against the config, and the tokenizer against the
 * embedding. Pickle weights ({@code pytorch_model.bin}, {@code *.pt}, …) are refused, never read.
 */
public final class HfCheckpoints {
  static final String SINGLE_FILE = "model.safetensors";
  static final String INDEX = "model.safetensors.index.json";
  static final String GENERATION_CONFIG = "generation_config.json";
  /** Exported weights are cut into shards of at most this size, {@code transformers}' default of 5 GB. */
  static final long SHARD_BYTES = 5_000_000_000L;
  private static final long MAX_HEADER_BYTES = 100L << 20;
  /** Files that hold Python pickles, whose loading can run arbitrary code. */
  private static final Pattern PICKLE = Pattern.compile(".*\\.(bin|pt|pth|ckpt|pkl|pickle)");

  private HfCheckpoints() {}

  /** The precision of exported weights. */
  public enum Precision {
    F32("float32", 4), BF16("bfloat16", 2), F16("float16", 2);

    private final String torchDtype;
    private final long bytes;

    Precision(String torchDtype, long bytes) {
      this.torchDtype = torchDtype;
      this.bytes = bytes;
    }
  }

  /** One tensor of a safetensors file: its bytes lie at {@code [offset, offset + bytes)} of {@code path}. */
  record Entry(String path, String name, String dtype, Shape shape, long offset, long bytes) {}

  /** A Hugging Face directory checked against itself, no weight read yet. */
  record Inspected(LlamaConfig config, Tokenizer tokenizer, Map<String, Entry> entries) {}

  /** Loads the Hugging Face directory {@code dir}, its tensors (F16 and BF16 widened to F32) into {@code manager}. */
  static Checkpoint.Loaded load(String dir, NDManager manager) {
    Inspected inspected = inspect(dir);
    // Only what the model uses: a tied lm_head copy would cost a vocabulary-sized matrix for nothing.
    Map<String, Entry> used = new LinkedHashMap<>(inspected.entries());
    used.keySet().retainAll(Llama.parameterShapes(inspected.config()).keySet());
    Map<String, NDArray> tensors = read(used, manager, true);
    return new Checkpoint.Loaded(inspected.config(), inspected.tokenizer(), tensors,
        Json.object().put("format", "huggingface"));
  }

  /** Reads and checks the config, the tokenizer and every safetensors header; reads no weight. */
  static Inspected inspect(String dir) {
    String configPath = Storage.resolve(dir, Checkpoint.CONFIG);
    LlamaConfig config = LlamaConfig.fromJson(Storage.readString(configPath), configPath);
    Map<String, Entry> entries = headers(dir);
    Map<String, Shape> shapes = new LinkedHashMap<>();
    entries.forEach((name, e) -> shapes.put(name, e.shape()));
    Llama.checkShapes(config, shapes, dir);
    Tokenizer tokenizer = Tokenizers.load(dir);
    // Every token id needs an embedding row (the rows may be more: Qwen pads its vocabulary).
    if (tokenizer.vocabSize() > config.vocabSize()) {
      throw new IllegalArgumentException(dir + ": the tokenizer has " + tokenizer.vocabSize()
          + " tokens but the embedding only " + config.vocabSize() + " rows (config.json vocab_size)");
    }
    return new Inspected(config, tokenizer, entries);
  }

  /** All tensors of {@code dir}'s safetensors, F16 and BF16 upcast to F32, in file then header order. */
  public static Map<String, NDArray> loadSafetensors(String dir, NDManager manager) {
    return loadSafetensors(dir, manager, true);
  }

  /**
   * @param halfToFloat32 upcast F16 tensors to F32 (exact). BF16 is upcast regardless: DJL's
   *     PyTorch engine cannot hold it (see {@link EngineTypes}).
   */
  public static Map<String, NDArray> loadSafetensors(String dir, NDManager manager, boolean halfToFloat32) {
    return read(headers(dir), manager, halfToFloat32);
  }

  /** Every tensor's entry, from {@code model.safetensors} or the shards of the index; each header checked. */
  static Map<String, Entry> headers(String dir) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    String index = Storage.resolve(dir, INDEX);
    String single = Storage.resolve(dir, SINGLE_FILE);
    if (Storage.exists(index)) {
      Map<String, String> fileByTensor = new LinkedHashMap<>();
      JsonNode weightMap = Json.read(index).path("weight_map");
      if (!weightMap.isObject() || weightMap.isEmpty()) {
        throw new CorruptCheckpointException(index + ": no weight_map");
      }
      weightMap.fields().forEachRemaining(e -> fileByTensor.put(e.getKey(), e.getValue().asText()));
      for (String file : new LinkedHashSet<>(fileByTensor.values())) {
        if (file.isEmpty() || file.contains("/") || file.contains("\\") || file.startsWith(".")) {
          throw new CorruptCheckpointException(index + ": weight_map names '" + file + "', not a file beside it");
        }
        readHeader(Storage.resolve(dir, file), entries);
      }
      fileByTensor.forEach((name, file) -> {
        if (!entries.containsKey(name)) {
          throw new CorruptCheckpointException(
              Storage.resolve(dir, file) + ": tensor '" + name + "' listed in " + INDEX + " is missing");
        }
      });
    } else if (Storage.exists(single)) {
      readHeader(single, entries);
    } else {
      throw noWeights(dir);
    }
    return entries;
  }

  /** Why {@code dir} has no weights we read: pickles are refused by name, else what was looked for. */
  private static IllegalArgumentException noWeights(String dir) {
    List<String> pickles = Storage.list(dir).stream()
        .filter(path -> PICKLE.matcher(fileName(path)).matches() && Storage.resolve(dir, fileName(path)).equals(path))
        .map(HfCheckpoints::fileName)
        .toList();
    if (!pickles.isEmpty()) {
      return new IllegalArgumentException(dir + ": " + String.join(", ", pickles) + " hold Python pickles, which can "
          + "run arbitrary code when loaded, so weakrl reads only safetensors. Convert them once, where you trust "
          + "the file: python -c \"from transformers import AutoModelForCausalLM as M; "
          + "M.from_pretrained('DIR').save_pretrained('OUT', safe_serialization=True)\", then copy the tokenizer "
          + "files into OUT");
    }
    return new IllegalArgumentException(dir + ": no weights: looked for " + SINGLE_FILE + " and " + INDEX
        + " (with the model-0000x-of-0000y.safetensors shards it lists)");
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Adds the entries of the safetensors file at {@code path}, checked against its size, to {@code into}. */
  private static void readHeader(String path, Map<String, Entry> into) {
    if (!Storage.exists(path)) {
      throw new CorruptCheckpointException(path + ": no such file");
    }
    try (SeekableByteChannel channel = (SeekableByteChannel) Storage.openChannel(path)) {
      long fileBytes = channel.size();
      if (fileBytes < 8) {
        throw new CorruptCheckpointException(path + ": " + fileBytes + " bytes, too short for a safetensors header");
      }
      long headerBytes = read(channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (headerBytes <= 0 || headerBytes > MAX_HEADER_BYTES || headerBytes > fileBytes - 8) {
        throw new CorruptCheckpointException(
            path + ": header length " + headerBytes + " does not fit the file's " + fileBytes + " bytes");
      }
      JsonNode header = Json.parse(StandardCharsets.UTF_8.decode(read(channel, 8, (int) headerBytes)).toString(), path);
      long dataStart = 8 + headerBytes;
      for (var fields = header.fields(); fields.hasNext(); ) {
        var field = fields.next();
        if (field.getKey().equals("__metadata__")) {
          continue;
        }
        Entry entry = entry(path, field.getKey(), field.getValue(), dataStart, fileBytes - dataStart);
        Entry earlier = into.put(entry.name(), entry);
        if (earlier != null) {
          throw corrupt(path, entry.name(), "also in " + earlier.path());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** One header entry, its dtype, shape and offsets checked against the {@code dataBytes} that follow the header. */
  private static Entry entry(String path, String name, JsonNode info, long dataStart, long dataBytes) {
    String dtype = info.path("dtype").asText();
    long elementBytes = dtype.equals("BF16") ? 2
        : EngineTypes.fromSafetensors(dtype, problem -> corrupt(path, name, problem)).getNumOfBytes();
    List<Long> dims = new ArrayList<>();
    long bytes = elementBytes;
    for (JsonNode d : info.path("shape")) {
      if (!d.isIntegralNumber() || !d.canConvertToLong() || d.asLong() < 0) {
        throw corrupt(path, name, "shape " + info.path("shape") + " is not a list of sizes");
      }
      dims.add(d.asLong());
      try {
        bytes = Math.multiplyExact(bytes, d.asLong());
      } catch (ArithmeticException e) {
        throw corrupt(path, name, "shape " + info.path("shape") + " holds more bytes than a long counts");
      }
    }
    Shape shape = new Shape(dims.stream().mapToLong(Long::longValue).toArray());
    JsonNode offsets = info.path("data_offsets");
    long begin = offset(offsets.path(0));
    long end = offset(offsets.path(1));
    if (offsets.size() != 2 || begin < 0 || end < begin || end > dataBytes || end - begin != bytes) {
      String shown = offsets.size() == 2 ? "[" + offsets.get(0) + ", " + offsets.get(1) + ")"
          : offsets.isMissingNode() ? "(missing)" : offsets.toString();
      throw corrupt(path, name, "data_offsets " + shown + " do not hold the " + bytes + " bytes of "
          + dtype + shape + " within the file's " + dataBytes + " data bytes");
    }
    return new Entry(path, name, dtype, shape, dataStart + begin, bytes);
  }

  /** A data offset, or -1 when it is not one. */
  private static long offset(JsonNode n) {
    return n.isIntegralNumber() && n.canConvertToLong() ? n.asLong() : -1;
  }

  /** The tensors of checked {@code entries}, each file opened once. */
  private static Map<String, NDArray> read(Map<String, Entry> entries, NDManager manager, boolean halfToFloat32) {
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    Map<String, List<Entry>> byFile = new LinkedHashMap<>();
    entries.values().forEach(e -> byFile.computeIfAbsent(e.path(), p -> new ArrayList<>()).add(e));
    for (Map.Entry<String, List<Entry>> file : byFile.entrySet()) {
      try (SeekableByteChannel channel = (SeekableByteChannel) Storage.openChannel(file.getKey())) {
        for (Entry e : file.getValue()) {
          tensors.put(e.name(), readTensor(channel, e, manager, halfToFloat32));
        }
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot read " + file.getKey(), ex);
      }
    }
    return tensors;
  }

  private static NDArray readTensor(SeekableByteChannel channel, Entry e, NDManager manager, boolean halfToFloat32)
      throws IOException {
    boolean bf16 = e.dtype().equals("BF16");
    long heldBytes = bf16 || (halfToFloat32 && e.dtype().equals("F16")) ? 2 * e.bytes() : e.bytes();
    if (heldBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(e.path() + ": tensor '" + e.name() + "' needs " + heldBytes
          + " bytes in memory; tensors over 2 GiB are not supported yet");
    }
    ByteBuffer data = read(channel, e.offset(), (int) e.bytes());
    if (bf16) {
      return manager.create(bf16ToFloat32(data), e.shape(), DataType.FLOAT32);
    }
    NDArray array = manager.create(data, e.shape(), DataType.fromSafetensors(e.dtype()));
    if (halfToFloat32 && array.getDataType() == DataType.FLOAT16) {
      try (array) {
        return array.toType(DataType.FLOAT32, false);
      }
    }
    return array;
  }

  /** BF16 is the top half of an F32: widening is a 16-bit shift, exact for every value. */
  static ByteBuffer bf16ToFloat32(ByteBuffer bf16) {
    var halves = bf16.order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
    ByteBuffer out = ByteBuffer.allocateDirect(halves.remaining() * 4).order(ByteOrder.nativeOrder());
    while (halves.hasRemaining()) {
      out.putInt((halves.get() & 0xFFFF) << 16);
    }
    return out.flip();
  }

  /** F32 to BF16, rounding to nearest even as PyTorch does; NaNs stay (quiet) NaNs. */
  static short float32ToBf16(float f) {
    int bits = Float.floatToRawIntBits(f);
    if (Float.isNaN(f)) {
      return (short) ((bits >>> 16) | 0x40);
    }
    return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
  }

  /**
   * Writes {@code model} with {@code tokenizer} to {@code dir} (replacing any there) as a Hugging
   * Face directory: {@code config.json}, the tokenizer's files as they are, {@code
   * generation_config.json} (the tokenizer's stop ids) and the weights in {@code precision}: {@code
   * model.safetensors}, or above 5 GB shards listed by {@code model.safetensors.index.json}, which
   * is published last.
   */
  public static void export(String dir, Llama model, Tokenizer tokenizer, Precision precision) {
    export(dir, model, tokenizer, precision, SHARD_BYTES);
  }

  /** {@link #export}, the weights cut into shards of at most {@code shardBytes} listed by the index. */
  static void export(String dir, Llama model, Tokenizer tokenizer, Precision precision, long shardBytes) {
    String staging = Storage.stagingDirectory(dir);
    try {
      ObjectNode config = (ObjectNode) Json.parse(model.config().toJson(), Checkpoint.CONFIG);
      config.put("torch_dtype", precision.torchDtype);
      Storage.writeString(Storage.resolve(staging, Checkpoint.CONFIG), Json.write(config));
      tokenizer.save(staging);
      ObjectNode generation = Json.object();
      if (tokenizer.bosId() >= 0) {
        generation.put("bos_token_id", tokenizer.bosId());
      }
      int[] stops = tokenizer.stopIds();
      if (stops.length == 1) {
        generation.put("eos_token_id", stops[0]);
      } else {
        java.util.Arrays.stream(stops).forEach(generation.putArray("eos_token_id")::add);
      }
      generation.put("pad_token_id", tokenizer.padId());
      Storage.writeString(Storage.resolve(staging, GENERATION_CONFIG), Json.write(generation));
      List<Map<String, NDArray>> shards = shards(model.parameters(), precision, shardBytes);
      if (shards.size() == 1) {
        writeSafetensors(Storage.resolve(staging, SINGLE_FILE), shards.get(0), precision);
      } else {
        ObjectNode index = Json.object();
        ObjectNode weightMap = index.putObject("weight_map");
        long total = 0;
        for (int i = 0; i < shards.size(); i++) {
          String file = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
          writeSafetensors(Storage.resolve(staging, file), shards.get(i), precision);
          for (Map.Entry<String, NDArray> t : shards.get(i).entrySet()) {
            weightMap.put(t.getKey(), file);
            total += t.getValue().getShape().size() * precision.bytes;
          }
        }
        index.putObject("metadata").put("total_size", total);
        Storage.writeString(Storage.resolve(staging, INDEX), Json.write(index));
      }
    } catch (RuntimeException e) {
      Storage.deleteRecursively(staging);
      throw e;
    }
    Storage.publishDirectory(staging, dir, Storage.exists(Storage.resolve(staging, INDEX)) ? INDEX : SINGLE_FILE);
  }

  /**
   * {@code tensors} in order, cut into shards of at most {@code shardBytes} in {@code precision}
   * (a tensor larger than that is a shard of its own), as {@code transformers} shards.
   */
  static List<Map<String, NDArray>> shards(Map<String, NDArray> tensors, Precision precision, long shardBytes) {
    List<Map<String, NDArray>> shards = new ArrayList<>();
    Map<String, NDArray> shard = new LinkedHashMap<>();
    long bytes = 0;
    for (Map.Entry<String, NDArray> t : tensors.entrySet()) {
      long size = t.getValue().getShape().size() * precision.bytes;
      if (!shard.isEmpty() && bytes + size > shardBytes) {
        shards.add(shard);
        shard = new LinkedHashMap<>();
        bytes = 0;
      }
      shard.put(t.getKey(), t.getValue());
      bytes += size;
    }
    shards.add(shard);
    return shards;
  }

  /** Writes float32 {@code tensors} as one safetensors file in {@code precision}, in map order. */
  static void writeSafetensors(String path, Map<String, NDArray> tensors, Precision precision) {
    ObjectNode header = Json.object();
    header.putObject("__metadata__").put("format", "pt"); // transformers refuses files without it
    long offset = 0;
    for (Map.Entry<String, NDArray> t : tensors.entrySet()) {
      if (t.getValue().getDataType() != DataType.FLOAT32) {
        throw new IllegalArgumentException("tensor " + t.getKey() + " is " + t.getValue().getDataType()
            + "; export writes float32 tensors");
      }
      ObjectNode info = header.putObject(t.getKey());
      info.put("dtype", precision.name());
      var shape = info.putArray("shape");
      for (long d : t.getValue().getShape().getShape()) {
        shape.add(d);
      }
      long bytes = t.getValue().getShape().size() * precision.bytes;
      info.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8; // the data starts 8-byte aligned
    ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).put(json);
    while (head.hasRemaining()) {
      head.put((byte) ' ');
    }
    try (WritableByteChannel out = Storage.createChannel(path)) {
      writeFully(out, head.flip());
      for (NDArray t : tensors.values()) {
        writeTensor(out, t, precision);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  /** Writes the little-endian bytes of float32 tensor {@code t} in {@code precision}. */
  private static void writeTensor(WritableByteChannel out, NDArray t, Precision precision) throws IOException {
    switch (precision) {
      case F32 -> writeFully(out, t.toByteBuffer());
      case F16 -> {
        try (NDArray half = t.toType(DataType.FLOAT16, true)) {
          writeFully(out, half.toByteBuffer());
        }
      }
      case BF16 -> {
        float[] values = t.toFloatArray();
        ByteBuffer bf16 = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
          bf16.putShort(float32ToBf16(v));
        }
        writeFully(out, bf16.flip());
      }
    }
  }

  private static void writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
  }

  /** {@code length} bytes at {@code position}, in a direct buffer ready to read. */
  private static ByteBuffer read(SeekableByteChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(length);
    channel.position(position);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new EOFException("unexpected end of file at byte " + channel.position());
      }
    }
    return buffer.flip();
  }

  private static CorruptCheckpointException corrupt(String path, String name, String problem) {
    return new CorruptCheckpointException(path + ": tensor '" + name + "': " + problem);
  }
}
