// Fts5Ranker: the comparison baseline. Texts go into an in-memory SQLite FTS5 table (porter
// stemming) and candidates are ranked by FTS5's own bm25(), so our figures sit beside what an
// off-the-shelf full-text engine gives on the same texts.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

struct sqlite3;

namespace kb {

class Fts5Ranker {
  public:
    // Throws IndexError when SQLite or its FTS5 module is unavailable.
    Fts5Ranker();
    ~Fts5Ranker();
    Fts5Ranker(const Fts5Ranker&) = delete;
    Fts5Ranker& operator=(const Fts5Ranker&) = delete;

    // Adds one text under an id (ids must be unique). Throws IndexError.
    void add(const std::string& id, const std::string& text);

    // Score of each candidate for `query` (higher is better: FTS5's bm25() negated); candidates
    // that match no query word are absent. The query is read as words OR-ed together.
    std::map<std::string, double> score(const std::string& query, const std::vector<std::string>& candidates);

  private:
    sqlite3* db_ = nullptr;
    std::map<std::string, long long> rowid_of_;
};

}  // namespace kb
