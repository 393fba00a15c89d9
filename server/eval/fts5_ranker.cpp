#include "server/eval/fts5_ranker.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <sqlite3.h>

#include "indexer/text/errors.h"
#include "indexer/text/stop_words.h"
#include "indexer/text/text_helpers.h"

namespace kb {

namespace {

// Owns a prepared statement for one call.
class Statement {
  public:
    Statement(sqlite3* db, const char* sql) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
            throw IndexError(std::string("sqlite: ") + sqlite3_errmsg(db));
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    sqlite3_stmt* get() const { return stmt_; }

  private:
    sqlite3_stmt* stmt_ = nullptr;
};

// FTS5 query syntax treats many characters specially; quoting each word keeps user text literal.
std::string match_expression(const std::string& text) {
    std::set<std::string> words;
    for (std::string& word : lowered_words(text))
        if (word.size() > 1 &&
            std::find(std::begin(kEnglishStopWords), std::end(kEnglishStopWords), word) == std::end(kEnglishStopWords))
            words.insert(std::move(word));
    std::string expr;
    for (const std::string& w : words) expr += (expr.empty() ? "\"" : " OR \"") + w + "\"";
    return expr;
}

}  // namespace

Fts5Ranker::Fts5Ranker() {
    if (sqlite3_open_v2(":memory:", &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        sqlite3_close(db_);
        throw IndexError("cannot open an in-memory SQLite database");
    }
    char* error = nullptr;
    if (sqlite3_exec(db_, "CREATE VIRTUAL TABLE texts USING fts5(body, tokenize = 'porter unicode61')", nullptr,
                     nullptr, &error) != SQLITE_OK) {
        const std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        sqlite3_close(db_);
        throw IndexError("SQLite FTS5 unavailable: " + message);
    }
}

Fts5Ranker::~Fts5Ranker() { sqlite3_close(db_); }

void Fts5Ranker::add(const std::string& id, const std::string& text) {
    Statement insert(db_, "INSERT INTO texts (body) VALUES (?)");
    sqlite3_bind_text(insert.get(), 1, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(insert.get()) != SQLITE_DONE) throw IndexError(std::string("sqlite: ") + sqlite3_errmsg(db_));
    rowid_of_[id] = sqlite3_last_insert_rowid(db_);
}

std::map<std::string, double> Fts5Ranker::score(const std::string& query, const std::vector<std::string>& candidates) {
    std::map<std::string, double> scores;
    const std::string expr = match_expression(query);
    if (expr.empty() || candidates.empty()) return scores;
    // FTS5 serves a rowid range from the index itself; "rowid IN (...)" would make SQLite re-run
    // the match once per listed row. Rows in the range that are not candidates are dropped here.
    std::map<long long, std::string> id_of_row;
    for (const std::string& id : candidates)
        if (const auto it = rowid_of_.find(id); it != rowid_of_.end()) id_of_row.emplace(it->second, id);
    if (id_of_row.empty()) return scores;
    Statement select(db_, "SELECT rowid, bm25(texts) FROM texts WHERE texts MATCH ? AND rowid BETWEEN ? AND ?");
    sqlite3_bind_text(select.get(), 1, expr.data(), static_cast<int>(expr.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(select.get(), 2, id_of_row.begin()->first);
    sqlite3_bind_int64(select.get(), 3, id_of_row.rbegin()->first);
    int rc;
    while ((rc = sqlite3_step(select.get())) == SQLITE_ROW)
        if (const auto it = id_of_row.find(sqlite3_column_int64(select.get(), 0)); it != id_of_row.end())
            scores[it->second] = -sqlite3_column_double(select.get(), 1);
    if (rc != SQLITE_DONE) throw IndexError(std::string("sqlite: ") + sqlite3_errmsg(db_));
    return scores;
}

}  // namespace kb
