package dev.weakrl.datasets.domain;

import dev.weakrl.datasets.Problem;
import java.util.ArrayList;
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
 * area n}, then {@code largest n}.
 */
public final class IslandDomain implements Domain {
  private static final Pattern HEADER =
      Pattern.compile("You are given the following (\\d+) x (\\d+) binary matrix grid:");
  private static final Pattern ISLAND_STEP = Pattern.compile("island \\((\\d+),(\\d+)\\) area (\\d+)");
  private static final Pattern LARGEST_STEP = Pattern.compile("largest (\\d+)");
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
    Map<Integer, Integer> islands = islands(grid);
    List<String> steps = Trace.steps(output);
    Set<Integer> named = new HashSet<>();
    boolean allValid = true;
    int largestClaimed = 0;
    Integer lastClaim = null;
    for (String step : steps) {
      Matcher island = ISLAND_STEP.matcher(step);
      Matcher largest = LARGEST_STEP.matcher(step);
      if (island.matches()) {
        int cell = Integer.parseInt(island.group(1)) * grid[0].length + Integer.parseInt(island.group(2));
        int area = Integer.parseInt(island.group(3));
        boolean inGrid = Integer.parseInt(island.group(2)) < grid[0].length;
        allValid &= inGrid && Integer.valueOf(area).equals(islands.get(cell)) && named.add(cell);
        largestClaimed = Math.max(largestClaimed, area);
        lastClaim = largestClaimed;
      } else if (largest.matches()) {
        lastClaim = Integer.parseInt(largest.group(1));
        allValid &= lastClaim == largestClaimed;
      } else {
        allValid = false;
      }
    }
    boolean complete = named.equals(islands.keySet());
    String boxed = Trace.answer(output).orElse("");
    boolean follows = lastClaim != null && boxed.equals(String.valueOf(lastClaim));
    return Trace.score(!steps.isEmpty(), follows, allValid && complete);
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
    int rows = grid.length;
    int cols = grid[0].length;
    boolean[][] seen = new boolean[rows][cols];
    Map<Integer, Integer> areas = new LinkedHashMap<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        if (grid[r][c] == 1 && !seen[r][c]) {
          areas.put(r * cols + c, flood(grid, seen, r, c));
        }
      }
    }
    return areas;
  }

  /** Area of the island at (r, c), marking it seen; iterative so large grids cannot overflow. */
  private static int flood(int[][] grid, boolean[][] seen, int r0, int c0) {
    int area = 0;
    List<int[]> stack = new ArrayList<>(List.of(new int[] {r0, c0}));
    seen[r0][c0] = true;
    while (!stack.isEmpty()) {
      int[] cell = stack.remove(stack.size() - 1);
      area++;
      for (int[] d : new int[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
        int r = cell[0] + d[0];
        int c = cell[1] + d[1];
        if (r >= 0 && c >= 0 && r < grid.length && c < grid[0].length && grid[r][c] == 1 && !seen[r][c]) {
          seen[r][c] = true;
          stack.add(new int[] {r, c});
        }
      }
    }
    return area;
  }
}
