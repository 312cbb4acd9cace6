package dev.weakrl.datasets.io;

import dev.weakrl.datasets.Problem;
import java.util.List;

/** The problems read from a file, and the rows set aside with their reasons. */
public record ReadResult(List<Problem> problems, List<Reject> rejects) {
  public ReadResult {
    problems = List.copyOf(problems);
    rejects = List.copyOf(rejects);
  }

  public long rows() {
    return problems.size() + rejects.size();
  }
}
