package dev.weakrl.transforms.prepare;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.domain.Levels;
import dev.weakrl.datasets.split.Split;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * {@code perLevel} procedural problems of a domain at each level, with distinct prompts from the
 * training side of the {@link Split}: one block per level, generated in parallel, each with its
 * own seed (seed, level).
 */
public final class GenerateProblems extends PTransform<PBegin, PCollection<Problem>> {
  private final String domain;
  private final Levels levels;
  private final int perLevel;
  private final long seed;

  public GenerateProblems(String domain, Levels levels, int perLevel, long seed) {
    Domains.get(domain);
    if (perLevel < 1) {
      throw new IllegalArgumentException("count must be positive, got " + perLevel);
    }
    this.domain = domain;
    this.levels = levels;
    this.perLevel = perLevel;
    this.seed = seed;
  }

  /** One level's problems. */
  public record Block(String domain, int level, int count, long seed) implements Serializable {
    public List<Problem> generate() {
      return Domains.get(domain).generate(Split.TRAIN, count, level, seed);
    }
  }

  public List<Block> blocks() {
    List<Block> blocks = new ArrayList<>();
    for (int level = levels.from(); level <= levels.to(); level++) {
      blocks.add(new Block(domain, level, perLevel, (seed * 31 + level) * 1_000_003L));
    }
    return blocks;
  }

  @Override
  public PCollection<Problem> expand(PBegin begin) {
    return begin
        .apply("Blocks", Create.of(blocks()).withCoder(SerializableCoder.of(Block.class)))
        .apply("SpreadBlocks", Reshuffle.viaRandomKey())
        .apply("Generate", FlatMapElements.into(TypeDescriptor.of(Problem.class)).via(Block::generate))
        .setCoder(ProblemCoder.of());
  }
}
