package dev.weakrl.datasets.domain;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.verify.Rational;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code island}, a GRAPH analogue: the largest 4-connected island in a binary grid, worded as
 * the public largest-island test sets. Difficulty L gives grids of 3+L rows and columns (minus
 * up to one). Steps name each island by its first cell in reading order: {@code island (r,c)
 * area n}, then {@code largest n}; other lines are prose, not steps.
 *
 * <p>Step checker ({@link Trace#score}): an area claim follows when the cell is land and its
 * island (named by any of its cells, in any order) has that area; a wrong area is a slip, and a
 * claim on water or off the grid is unrelated (about another grid), so the answer is not derived.
 * {@code largest n} follows when n is the largest area claimed before it (0 for none), right or
 * wrong. The derivation's result is its last step's: n for {@code largest n}, else the largest
 * area claimed so far; it has a gap when an island is never named or it does not end with
 * {@code largest}. The answer must be that result.
 */
public final class IslandDomain implements Domain {
  private static final Pattern HEADER =
      Pattern.compile("You are given the following (\\d+) x (\\d+) binary matrix grid:");
  private static final Pattern ISLAND_STEP =
      Pattern.compile("island \\(\\s*(\\d{1,6})\\s*,\\s*(\\d{1,6})\\s*\\) area (\\d{1,6})");
  private static final Pattern LARGEST_STEP = Pattern.compile("largest (\\d{1,6})");
  private static final String RULES = """
      An island is a group of 1's (representing land) connected 4-directionally (horizontal or vertical).
      You may assume all four edges of the grid are surrounded by water.

      The area of an island is the number of cells with a value 1 in the island.

      Return the maximum area of an island in grid. If there is no island, return 0.
      """;

  @Override
  public String name() {
    return "island";
  }

  @Override
  public Problem generate(Random random, int difficulty) {
    int rows = 3 + difficulty - random.nextInt(2);
    int cols = 3 + difficulty - random.nextInt(2);
    int[][] grid = new int[rows][cols];
    for (int[] row : grid) {
      for (int c = 0; c < cols; c++) {
        row[c] = random.nextDouble() < 0.45 ? 1 : 0;
      }
    }
    String question = prompt(grid);
    return Problem.of("", name(), difficulty, question, solve(question).orElseThrow(), thinking(question));
  }

  static String prompt(int[][] grid) {
    StringBuilder s = new StringBuilder(String.format(
        "You are given the following %d x %d binary matrix grid:\n", grid.length, grid[0].length));
    for (int[] row : grid) {
      for (int c = 0; c < row.length; c++) {
        s.append(c == 0 ? "" : " ").append(row[c]);
      }
      s.append('\n');
    }
    return s.append('\n').append(RULES).toString();
  }

  @Override
  public Optional<String> solve(String question) {
    return grid(question).map(g -> String.valueOf(islands(g).values().stream().max(Integer::compare).orElse(0)));
  }

  @Override
  public String thinking(String question) {
    int[][] grid = grid(question).orElseThrow(() -> notMine(question));
    List<String> steps = new ArrayList<>();
    islands(grid).forEach((cell, area) -> steps.add(
        String.format("island (%d,%d) area %d", cell / grid[0].length, cell % grid[0].length, area)));
    String answer = solve(question).orElseThrow();
    steps.add("largest " + answer);
    return Trace.thinking(steps, answer);
  }

  @Override
  public double checkSteps(String output, Problem problem) {
    int[][] grid = grid(problem.question()).orElseThrow(() -> notMine(problem.question()));
    int cols = grid[0].length;
    Map<Integer, Integer> islands = islands(grid);
    int[] islandOf = islandOf(grid);
    Set<Integer> named = new HashSet<>();
    int count = 0;
    boolean related = true;
    boolean flawless = true;
    int largestClaimed = 0;
    Integer result = null;
    boolean endsWithLargest = false;
    for (String step : Trace.steps(output)) {
      Matcher island = ISLAND_STEP.matcher(step);
      Matcher largest = LARGEST_STEP.matcher(step);
      if (island.matches()) {
        int r = Integer.parseInt(island.group(1));
        int c = Integer.parseInt(island.group(2));
        int area = Integer.parseInt(island.group(3));
        int first = r < grid.length && c < cols ? islandOf[r * cols + c] : -1;
        related &= first >= 0; // a claim on water or off the grid is about some other grid
        flawless &= first >= 0 && islands.get(first) == area;
        if (first >= 0) {
          named.add(first);
        }
        largestClaimed = Math.max(largestClaimed, area);
        result = largestClaimed;
        endsWithLargest = false;
      } else if (largest.matches()) {
        result = Integer.parseInt(largest.group(1));
        flawless &= result == largestClaimed;
        endsWithLargest = true;
      } else {
        continue; // prose
      }
      count++;
    }
    flawless &= endsWithLargest && named.containsAll(islands.keySet());
    Optional<Rational> boxed = Trace.answer(output).flatMap(Expr::parse).flatMap(Expr::evaluate);
    boolean derived = related && result != null && boxed.equals(Optional.of(Rational.of(result)));
    return Trace.score(count > 0, derived, flawless);
  }

  @Override
  public String corpus(Random random, int chars) {
    StringBuilder text = new StringBuilder();
    while (text.length() < chars) {
      int size = 2 + random.nextInt(4);
      int[][] grid = new int[size][size];
      StringBuilder rows = new StringBuilder();
      for (int[] row : grid) {
        for (int c = 0; c < size; c++) {
          row[c] = random.nextInt(2);
          rows.append(c == 0 ? "" : " ").append(row[c]);
        }
        rows.append('\n');
      }
      text.append(rows);
      Map<Integer, Integer> islands = islands(grid);
      islands.forEach((cell, area) -> text.append(String.format(
          "cell (%d,%d) starts an island of %d cells\n", cell / size, cell % size, area)));
      text.append(islands.isEmpty() ? "no land, so no island\n\n"
          : "cells that touch up, down, left or right join one island\n\n");
    }
    return text.toString();
  }

  /** The grid in a largest-island prompt, or empty when the text is not one. */
  static Optional<int[][]> grid(String question) {
    Matcher header = HEADER.matcher(question);
    if (!header.find() || !question.contains("maximum area of an island")) {
      return Optional.empty();
    }
    int rows = Integer.parseInt(header.group(1));
    int cols = Integer.parseInt(header.group(2));
    String[] lines = question.substring(header.end()).trim().split("\n");
    if (lines.length < rows) {
      return Optional.empty();
    }
    int[][] grid = new int[rows][cols];
    for (int r = 0; r < rows; r++) {
      String[] cells = lines[r].trim().split("\\s+");
      if (cells.length != cols) {
        return Optional.empty();
      }
      for (int c = 0; c < cols; c++) {
        grid[r][c] = cells[c].equals("1") ? 1 : 0;
      }
    }
    return Optional.of(grid);
  }

  /** First cell (r*cols+c, reading order) of each island -> its area, in reading order. */
  static Map<Integer, Integer> islands(int[][] grid) {
    Map<Integer, Integer> areas = new LinkedHashMap<>();
    for (int first : islandOf(grid)) {
      if (first >= 0) {
        areas.merge(first, 1, Integer::sum);
      }
    }
    return areas;
  }

  /**
   * For each cell (r*cols+c), the first cell in reading order of its island, or -1 for water.
   * Flood fill is iterative so that large grids cannot overflow the stack.
   */
  static int[] islandOf(int[][] grid) {
    int rows = grid.length;
    int cols = grid[0].length;
    int[] of = new int[rows * cols];
    Arrays.fill(of, -1);
    for (int first = 0; first < rows * cols; first++) {
      if (grid[first / cols][first % cols] == 0 || of[first] >= 0) {
        continue;
      }
      of[first] = first;
      List<Integer> stack = new ArrayList<>(List.of(first));
      while (!stack.isEmpty()) {
        int cell = stack.remove(stack.size() - 1);
        for (int[] d : new int[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
          int r = cell / cols + d[0];
          int c = cell % cols + d[1];
          if (r >= 0 && c >= 0 && r < rows && c < cols && grid[r][c] == 1 && of[r * cols + c] < 0) {
            of[r * cols + c] = first;
            stack.add(r * cols + c);
          }
        }
      }
    }
    return of;
  }
}
