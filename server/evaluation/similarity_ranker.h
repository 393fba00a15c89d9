// SimilarityRanker: scores a fixed set of candidate documents (threads, or single comments) for
// a piece of natural text, with Xapian BM25 and optional pseudo-relevance feedback. Candidates
// are named by their unique-id terms (schema::kIdPrefix), so it works on a kbsearch index.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "indexer/normaliser.h"

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

class SimilarityRanker {
  public:
    SimilarityRanker(Xapian::Database db, SimilarityParams params);

    // Score of each candidate id for `text` (higher is better); candidates that share no word
    // with the text are absent. Throws Xapian::Error.
    std::map<std::string, double> score(const std::string& text, const std::vector<std::string>& candidate_ids);

  private:
    Xapian::Query text_query(const std::string& text, const std::string& prefix) const;

    Xapian::Database db_;
    SimilarityParams params_;
    Xapian::Stem stemmer_{"english"};
    Xapian::SimpleStopper stopper_;
    Normaliser normaliser_;
};

// An in-memory Xapian database of short texts (id, text), indexed the way IndexWriter indexes
// an answer (folded, English stems), each with its unique-id term. Throws Xapian::Error.
Xapian::Database index_passages(const std::vector<std::pair<std::string, std::string>>& passages);

}  // namespace kb
