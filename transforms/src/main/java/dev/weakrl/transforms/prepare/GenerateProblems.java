package dev.weakrl.transforms.prepare;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domain;
import dev.weakrl.datasets.domain.Domains;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * {@code perLevel} procedural problems of a domain at each level, in blocks of {@value #BLOCK}
 * generated in parallel. Each block has its own seed (seed, level, block), so the problems do
 * not depend on how the work was split.
 */
public final class GenerateProblems extends PTransform<PBegin, PCollection<Problem>> {
  static final int BLOCK = 1024;

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

  /** One block of problems: {@code count} at {@code level}, ids numbered from {@code first}. */
  public record Block(String domain, int level, int first, int count, long seed) implements Serializable {
    public List<Problem> generate() {
      Domain d = Domains.get(domain);
      Random random = new Random(seed);
      List<Problem> problems = new ArrayList<>(count);
      for (int i = first; i < first + count; i++) {
        problems.add(d.generate(random, level).withId(String.format("%s-%d-%06d", domain, level, i)));
      }
      return problems;
    }
  }

  public List<Block> blocks() {
    List<Block> blocks = new ArrayList<>();
    for (int level = levels.from(); level <= levels.to(); level++) {
      for (int first = 0; first < perLevel; first += BLOCK) {
        long blockSeed = (seed * 31 + level) * 1_000_003L + first / BLOCK;
        blocks.add(new Block(domain, level, first, Math.min(BLOCK, perLevel - first), blockSeed));
      }
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
