// SQLite FTS5: one virtual table (title, body) with the porter tokenizer, ranked by bm25().
#include <chrono>
#include <memory>

#include <sqlite3.h>

#include "bench/peers.h"
#include "bench/thread_file_reader.h"
#include "indexer/text/errors.h"

namespace kb::bench {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct CloseDb {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct FinalizeStatement {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;
using Statement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

Db open(const fs::path& file, int flags) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(file.c_str(), &raw, flags, nullptr);
    Db db(raw);
    if (rc != SQLITE_OK)
        throw Error("FTS5: cannot open " + file.string() + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    return db;
}

void exec(sqlite3* db, const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string what = message ? message : "unknown error";
        sqlite3_free(message);
        throw Error(std::string("FTS5: ") + sql + ": " + what);
    }
}

Statement prepare(sqlite3* db, const char* sql) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK)
        throw Error(std::string("FTS5: ") + sql + ": " + sqlite3_errmsg(db));
    return Statement(raw);
}

void bind_text(sqlite3_stmt* s, int index, const std::string& text) {
    sqlite3_bind_text(s, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

}  // namespace

PeerBuild build_fts5(const fs::path& input, const fs::path& file) {
    const auto started = Clock::now();
    fs::remove(file);
    const Db db = open(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    exec(db.get(), "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'porter')");
    exec(db.get(), "BEGIN");
    const Statement insert = prepare(db.get(), "INSERT INTO t(title, body) VALUES (?1, ?2)");
    std::string body;
    PeerBuild build;
    build.threads = for_each_thread(input, [&](const PlainThread& t) {
        body = t.question;
        for (const std::string& a : t.answers) body += "\n\n" + a;
        bind_text(insert.get(), 1, t.title);
        bind_text(insert.get(), 2, body);
        if (sqlite3_step(insert.get()) != SQLITE_DONE)
            throw Error("FTS5: insert of " + t.id + " failed: " + sqlite3_errmsg(db.get()));
        sqlite3_reset(insert.get());
    });
    exec(db.get(), "COMMIT");
    build.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    build.bytes = size_on_disk(file);
    return build;
}

LatencySummary query_fts5(const fs::path& file, const std::vector<BenchQuery>& queries, int passes) {
    const Db db = open(file, SQLITE_OPEN_READONLY);
    const Statement select = prepare(db.get(), "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY bm25(t) LIMIT 10");
    LatencySummary summary;
    for (int pass = 0; pass <= passes; ++pass) {  // pass 0 warms the caches and is not recorded
        for (const BenchQuery& q : queries) {
            const std::string match = fts5_match_text(q);
            const auto started = Clock::now();
            bind_text(select.get(), 1, match);
            std::size_t rows = 0;
            int rc;
            while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) rows += sqlite3_column_int64(select.get(), 0) > 0;
            sqlite3_reset(select.get());
            const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
            if (rc != SQLITE_DONE)
                throw Error("FTS5: query '" + match + "' (" + q.kind + "): " + sqlite3_errmsg(db.get()));
            if (pass > 0) summary.add(q.kind, ms, rows == 0);
        }
    }
    return summary;
}

}  // namespace kb::bench
