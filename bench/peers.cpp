// kbsearch_peers: bare Xapian and SQLite FTS5 over the generator's threads, for figures side by
// side with kbsearch in the same run.
//   kbsearch_peers build-xapian --in FILE.jsonl --db DIR      kbsearch_peers query-xapian --db DIR --queries FILE
//   kbsearch_peers build-fts5 --in FILE.jsonl --db FILE       kbsearch_peers query-fts5 --db FILE --queries FILE
// Output is `key=value` lines (bench_scale.sh reads them).
#include "bench/peers.h"

#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>
#include <xapian.h>

namespace fs = std::filesystem;
using namespace kb::bench;

namespace {

void print_build(const char* peer, const PeerBuild& b) {
    std::printf("build peer=%s threads=%zu seconds=%.3f threads_per_s=%.1f size_bytes=%ju\n", peer, b.threads,
                b.seconds, b.seconds > 0 ? double(b.threads) / b.seconds : 0.0, b.bytes);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"kbsearch_peers: bare Xapian and SQLite FTS5 beside kbsearch"};
    app.require_subcommand(1);
    std::string in, db, queries;
    int passes = 1;
    auto add_build = [&](const char* name, const char* what) {
        CLI::App* cmd = app.add_subcommand(name, what);
        cmd->add_option("--in", in, "Generated threads: a .jsonl file or a folder of them")->required();
        cmd->add_option("--db", db, "Database to (re)create")->required();
    };
    auto add_query = [&](const char* name, const char* what) {
        CLI::App* cmd = app.add_subcommand(name, what);
        cmd->add_option("--db", db, "Database")->required();
        cmd->add_option("--queries", queries, "Query file (kind<TAB>query)")->required();
        cmd->add_option("--passes", passes, "Timed passes after the warm-up pass")->capture_default_str();
    };
    add_build("build-xapian", "Index with bare Xapian defaults");
    add_build("build-fts5", "Index into one SQLite FTS5 table");
    add_query("query-xapian", "Time the query file against bare Xapian");
    add_query("query-fts5", "Time the query file against FTS5");
    CLI11_PARSE(app, argc, argv);
    try {
        const std::string command = app.get_subcommands().front()->get_name();
        if (command == "build-xapian") print_build("xapian", build_xapian(in, db));
        if (command == "build-fts5") print_build("fts5", build_fts5(in, db));
        if (command == "query-xapian")
            query_xapian(db, read_query_file(queries), passes).print(std::cout, "latency peer=xapian");
        if (command == "query-fts5")
            query_fts5(db, read_query_file(queries), passes).print(std::cout, "latency peer=fts5");
        return 0;
    } catch (const Xapian::Error& e) {
        std::cerr << "kbsearch_peers: Xapian: " << e.get_description() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "kbsearch_peers: " << e.what() << "\n";
    }
    return 1;
}
