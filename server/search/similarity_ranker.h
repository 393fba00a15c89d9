// SimilarityRanker: how a piece of natural text (a pasted draft, a new question) is matched
// against threads or comments: its plain words, an extra query on title words, Xapian BM25 with
// its own parameters and pseudo-relevance feedback. Searcher::similar ranks the whole index with
// it, and `kbsearch eval` scores fixed candidate sets with it, so the figures are the product's.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "indexer/schema/schema.h"
#include "indexer/text/normaliser.h"

namespace kb {

struct SimilarityParams {
    double k1 = 1.0;                 // BM25 term-frequency saturation
    double b = 0.5;                  // BM25 length normalisation
    double title_weight = 0;         // extra query on title words (schema::kTitlePrefix); 0 = off
    unsigned expansion_terms = 0;    // pseudo-relevance feedback terms; 0 = off
    unsigned feedback_docs = 3;      // top documents taken as relevant for the feedback
    double expansion_weight = 0.3;   // weight of the expansion query against the original
    bool forum_filler_words = true;  // also drop "anyone", "please", "help"... from the text
};

// The duplicate finder, tuned on SemEval-2016 dev subtask B (docs/eval.md): a draft against each
// whole thread, plus kQuestionPartWeight times the draft against the thread's title and question
// alone (schema::kQuestionsDatabase), each scaled so the best candidate has 1.
inline constexpr SimilarityParams kDraftSimilarity{2.0, 0.5, 0.5, 10, 3, 0.2, true};
inline constexpr SimilarityParams kQuestionSimilarity{1.2, 0.75, 0, 0, 3, 0.3, true};
inline constexpr double kQuestionPartWeight = 0.5;

class SimilarityRanker {
  public:
    SimilarityRanker(Xapian::Database db, SimilarityParams params);

    // Score of each candidate id for `text` (higher is better); candidates that share no word
    // with the text are absent. Throws Xapian::Error.
    std::map<std::string, double> score(const std::string& text, const std::vector<std::string>& candidate_ids);

    // The same BM25 (no feedback), with each word's rarity taken from `collection` rather than
    // from the candidates: a few dozen answers are too few to tell a rare word from a common one,
    // while the collection they come from can. Xapian takes a match's statistics from the
    // database it searches, so this weighing is done here.
    std::map<std::string, double> score_with_rarity_from(const Xapian::Database& collection, const std::string& text,
                                                         const std::vector<std::string>& candidate_ids) const;

    // The text's words, and its title query when params ask for one; empty when no word is left.
    Xapian::Query query(const std::string& text) const;

    // BM25 with the params' k1 and b.
    Xapian::BM25Weight weighting() const;

    // `query` widened by the distinctive terms of the best documents of `mset` (its result);
    // an empty query when params ask for no feedback or there is none to add.
    Xapian::Query with_feedback(const Xapian::Enquire& enquire, const Xapian::MSet& mset,
                                const Xapian::Query& query) const;

    // Stop words and, when params say so, forum filler ("anyone", "please", "help"...).
    const Xapian::Stopper& stopper() const { return stopper_; }

  private:
    Xapian::Query text_query(const std::string& text, const std::string& prefix) const;

    Xapian::Database db_;
    SimilarityParams params_;
    Xapian::Stem stemmer_{schema::kStemmerLanguage};
    Xapian::SimpleStopper stopper_;
    Normaliser normaliser_;
};

// Scores divided by the best of them, so the best has 1 (all 0 when none is positive): how
// the duplicate finder puts its whole-thread and question parts on one scale.
std::map<std::string, double> scaled_to_best(const std::map<std::string, double>& scores);

}  // namespace kb
