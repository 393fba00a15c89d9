// RelevancyFile: a SemEval-2016 Task 3 gold file (query id, candidate id, search-engine rank,
// search-engine score, true/false), kept in file order: the order the official scorer breaks ties in.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace kb {

struct GoldCandidate {
    std::string id;
    int engine_rank = 0;      // the original search engine's rank (the "IR baseline")
    double engine_score = 0;  // the score the official scorer sorts the baseline by
    bool relevant = false;
};

struct GoldQuery {
    std::string id;
    std::vector<GoldCandidate> candidates;  // in file order
};

class RelevancyFile {
  public:
    // Throws ParseError (file, line) on a malformed line, or when the file cannot be read.
    explicit RelevancyFile(const std::filesystem::path& file);

    const std::vector<GoldQuery>& queries() const { return queries_; }
    std::size_t candidate_count() const;

  private:
    std::vector<GoldQuery> queries_;
};

}  // namespace kb
