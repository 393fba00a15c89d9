// AnswerFeatures: what the learned answer model reads of each answer in its thread — signals that
// carry from one forum to another (similarity to the question, role, votes, place and time,
// shape of the text, the dialogue around it, agreement with the other answers).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "indexer/schema/thread.h"

namespace kb {

// How much each word leans towards good answers: smoothed log odds of Good against the rest, over
// the answers a model is trained on (a question-independent "goodness" lexicon). It travels
// inside the model file, so a cross-validation fold's lexicon never sees the fold.
class AnswerLexicon {
  public:
    // Learns from answers with labels (>= 2 good); words in fewer than `min_answers` are left out.
    static AnswerLexicon learn(const std::vector<std::pair<const Thread*, const std::vector<float>*>>& threads,
                               int min_answers = 5);
    // "word score" pairs, one per line; parse() reads it back (throws Error on a bad line).
    std::string serialise() const;
    static AnswerLexicon parse(std::string_view text);

    // Mean and sum / sqrt(n) of the known words' scores in `text`; 0 when none is known.
    std::pair<float, float> read(const std::string& text) const;
    std::size_t size() const { return scores_.size(); }

  private:
    std::unordered_map<std::string, float> scores_;
};

class AnswerFeatures {
  public:
    // The columns, in order. A model is trained on and reads exactly this list; changing it means
    // retraining (`kbsearch train-answers`), which the model file's feature list checks.
    static constexpr std::size_t kCount = 44;
    using Row = std::array<float, kCount>;

    // Column indices, in the order of names().
    enum Column : std::size_t {
        kPosition,
        kRelativePosition,
        kAnswersInThread,
        kLogWords,
        kRelativeLength,
        kHelpful,
        kStaff,
        kAi,
        kByAsker,
        kAskerFix,
        kAuthorReplies,
        kAuthorReplyIndex,
        kAcknowledgement,
        kQuestionMarks,
        kQuestionOverlap,
        kTitleOverlap,
        kContainment,
        kLink,
        kSteps,
        kDigits,
        kLaughter,
        kHoursAfterQuestion,
        kHoursAfterPrevious,
        kAskerThanksAfter,
        kAskerQuestionAfter,
        kAskerRepliesAfter,
        kAskerQuestionBefore,
        kDialogue,
        kAgreementMean,
        kAgreementMax,
        kStartsYesNo,
        kMention,
        kContact,
        kAdvice,
        kUncertain,
        kThanks,
        kExclamations,
        kUpperShare,
        kCode,
        kLexiconMean,
        kLexiconSum,
        kOverlapBelowBest,  // how far below the thread's best question overlap
        kLexiconBelowBest,  // the same for the lexicon sum
        kLexiconRank,       // the lexicon sum's place in the thread, 0 best, 1 worst
    };
    static_assert(kLexiconRank + 1 == kCount);
    static const std::array<std::string_view, kCount>& names();

    // A human reading of column `index` for a canonical answer's reason ("staff answer",
    // "overlap with the question").
    static std::string_view reason(std::size_t index);

    // One row per answer, in page order. Author identity comes from Answer::author_name and
    // Thread::asker_name (call it before the pipeline clears them); a missing date or name leaves
    // its columns missing (NaN), which the model handles as unknown. Never throws.
    // `lexicon` (learned with the model; null for none) fills the lexicon columns.
    static std::vector<Row> of(const Thread& thread, const AnswerLexicon* lexicon = nullptr);

    // (Re)fills only the lexicon columns of `rows` (of `thread`) from `lexicon`: rows read once
    // serve every model, as cross-validation folds do, each with its own lexicon.
    static void apply_lexicon(std::vector<Row>& rows, const Thread& thread, const AnswerLexicon* lexicon);

    // True for replies that carry no answer: "Thanks, that worked!", "Same problem here".
    static bool is_acknowledgement(const std::string& body);

    // How much of `question`'s content words `text` shares: |shared| / sqrt(|question words|), by
    // lower-cased English stems, stop words left out. 0 when either has none.
    static double overlap(const std::string& question, const std::string& text);

    // Hours since the epoch for "YYYY-MM-DD[ T]HH:MM[:SS]…" (SemEval, SCN, ISO 8601); NaN otherwise.
    static double hours_of(std::string_view date);
};

}  // namespace kb
