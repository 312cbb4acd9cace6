package dev.weakrl.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MajorityVoteTest {
  @Test
  void mostCommonAnswerWinsAndMissingAnswersDoNotVote() {
    List<Optional<String>> answers = List.of(Optional.of("3"), Optional.empty(), Optional.of("5"), Optional.of("5"),
        Optional.empty(), Optional.empty(), Optional.of("3"), Optional.of("5"));
    assertEquals(Optional.of("5"), MajorityVote.pseudoLabel(answers));
  }

  @Test
  void tiesGoToTheFirstSeen() {
    assertEquals(Optional.of("7"), MajorityVote.pseudoLabel(List.of(Optional.of("7"), Optional.of("2"))));
  }

  @Test
  void noAnswersNoLabel() {
    assertEquals(Optional.empty(), MajorityVote.pseudoLabel(List.of(Optional.empty(), Optional.empty())));
  }
}
