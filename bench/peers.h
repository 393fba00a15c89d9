// The two peers kbsearch is measured beside, in the same run: bare Xapian (its defaults: English
// stemmer, positions, BM25, QueryParser with STEM_SOME and OR, top 10) and SQLite FTS5 (one
// table (title, body), porter tokenizer, ORDER BY bm25 LIMIT 10). Each builds from the generator's
// JSON Lines and times the query file in process, after one untimed warm-up pass.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "bench/bench_query.h"
#include "bench/latency_summary.h"

namespace kb::bench {

struct PeerBuild {
    std::size_t threads = 0;
    double seconds = 0;
    std::uintmax_t bytes = 0;
};

// Each throws kb::Error (or Xapian::Error) when the input or the database cannot be used.
PeerBuild build_xapian(const std::filesystem::path& input, const std::filesystem::path& db);
LatencySummary query_xapian(const std::filesystem::path& db, const std::vector<BenchQuery>& queries, int passes);

PeerBuild build_fts5(const std::filesystem::path& input, const std::filesystem::path& db);
LatencySummary query_fts5(const std::filesystem::path& db, const std::vector<BenchQuery>& queries, int passes);

}  // namespace kb::bench
