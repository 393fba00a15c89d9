// kbsearch_generate: deterministic synthetic threads (JSON Lines, optionally seed pages), a mixed
// query set and pasted drafts for the scale benchmarks, recombined from the real sentences under
// ../shared after kbsearch's own cleaning. Same seed and count, byte-identical files.
//   kbsearch_generate --shared ../shared --count N --seed 42 --out FILE.jsonl [--seed-pages DIR]
//                     [--queries FILE --query-count 1000] [--drafts FILE --draft-count 200]
//   --part-threads K writes --out as a folder of part-00000.jsonl... of K threads each (kbsearch index
//   reads at most 64 MB per file). Every string is checked against the source names before it is
//   written, and every seed page is parsed back and compared with its thread.
//   kbsearch_generate --shared ../shared --check FILE_OR_DIR...     (the PII check of written files)
#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "bench/error_code_pool.h"
#include "bench/output_check.h"
#include "bench/query_set.h"
#include "bench/sentence_pool.h"
#include "bench/synthetic_names.h"
#include "bench/thread_synthesiser.h"
#include "bench/thread_writers.h"
#include "indexer/ingest/thread_parser.h"
#include "indexer/text/errors.h"

namespace fs = std::filesystem;
using namespace kb::bench;

namespace {

struct Options {
    fs::path shared = "../shared";
    std::uint64_t count = 0;
    std::uint64_t seed = 42;
    fs::path out;
    std::uint64_t part_threads = 0;
    fs::path seed_pages;
    std::uint64_t seed_page_count = 2000;
    fs::path queries;
    std::size_t query_count = 1000;
    fs::path drafts;
    std::size_t draft_count = 200;
    std::vector<fs::path> check;
};

// Output is written beside its final name and renamed into place when complete, so a killed run
// never leaves a file (or folder) that looks finished.
fs::path partial_name(const fs::path& final_path) { return final_path.string() + ".partial"; }

void publish(const fs::path& partial, const fs::path& final_path) {
    if (fs::is_directory(final_path)) {
        // Only a folder this tool wrote (gen-*.txt or part-*.jsonl files) is replaced.
        for (const auto& entry : fs::directory_iterator(final_path)) {
            const std::string name = entry.path().filename().string();
            if (!entry.is_regular_file() || !(name.starts_with("gen-") || name.starts_with("part-")))
                throw kb::Error("kbsearch_generate: " + final_path.string() +
                                " holds files this tool did not write; not replacing it");
        }
        fs::remove_all(final_path);
    }
    fs::rename(partial, final_path);
}

void check_stream(const std::ofstream& out, const fs::path& path) {
    if (!out) throw kb::Error("kbsearch_generate: writing " + path.string() + " failed (disk full?)");
}

// Streams JSON lines into one file or, with part_threads, into part-00000.jsonl ... in a folder
// (kbsearch index reads at most 64 MB per file).
class ThreadSink {
  public:
    ThreadSink(fs::path final_path, std::uint64_t part_threads)
        : final_(std::move(final_path)), partial_(partial_name(final_)), part_threads_(part_threads) {
        fs::remove_all(partial_);
        if (part_threads_ > 0) fs::create_directories(partial_);
        if (final_.has_parent_path()) fs::create_directories(final_.parent_path());
    }

    void write(const std::string& line) {
        if (!file_.is_open() || (part_threads_ > 0 && in_part_ == part_threads_)) open_next();
        file_ << line << '\n';
        ++in_part_;
        bytes_ += line.size() + 1;
    }

    void finish() {
        if (!file_.is_open()) open_next();  // zero threads: still an (empty) file
        file_.close();
        check_stream(file_, current_);
        publish(partial_, final_);
    }

    std::uint64_t bytes() const { return bytes_; }
    std::uint64_t parts() const { return parts_; }

  private:
    void open_next() {
        if (file_.is_open()) {
            file_.close();
            check_stream(file_, current_);
        }
        char name[32];
        std::snprintf(name, sizeof name, "part-%05llu.jsonl", static_cast<unsigned long long>(parts_));
        current_ = part_threads_ > 0 ? partial_ / name : partial_;
        file_.open(current_, std::ios::binary | std::ios::trunc);
        if (!file_) throw kb::Error("kbsearch_generate: cannot write " + current_.string());
        ++parts_;
        in_part_ = 0;
    }

    fs::path final_, partial_, current_;
    std::uint64_t part_threads_, in_part_ = 0, parts_ = 0, bytes_ = 0;
    std::ofstream file_;
};

// A written seed page must read back as the thread it was written from, or the seed-page
// benchmark would measure something else. Throws kb::Error naming the first difference.
void require_page_reads_back(const fs::path& page, const SyntheticThread& t) {
    const kb::ParseOutcome outcome = kb::make_thread_parser(kb::InputFormat::SeedPage)->parse_file(page);
    auto fail = [&](const std::string& what) {
        throw kb::Error("kbsearch_generate: seed page " + page.string() + " does not read back: " + what);
    };
    if (!outcome.errors.empty()) fail(outcome.errors.front().what());
    if (outcome.threads.size() != 1) fail("not one thread");
    const kb::Thread& read = outcome.threads.front();
    if (read.id != t.id || read.title != t.title || read.question != t.question) fail("id, title or question");
    if (read.product_path != std::vector<std::string>{std::string(t.product.area), std::string(t.product.name)})
        fail("product");
    if (read.asker_name != t.asker || read.comment_count != t.comments) fail("asker or comments");
    if (read.answers.size() != t.answers.size()) fail("answer count");
    for (std::size_t i = 0; i < t.answers.size(); ++i) {
        const kb::Answer& a = read.answers[i];
        const SyntheticAnswer& w = t.answers[i];
        // The page's "Was this answer helpful?" stays in the parsed body; Boilerplate removes it later.
        if (a.body != w.body + "\n\nWas this answer helpful?")
            fail("answer " + std::to_string(i + 1) + " body reads '" + a.body + "'");
        if (a.role != w.role || a.accepted != w.accepted || a.helpful != w.helpful || a.author_name != w.author ||
            a.date != w.date)
            fail("answer " + std::to_string(i + 1) + " role, accepted, helpful, author or date");
    }
}

void require_clean(const OutputCheck& check, const SyntheticThread& t) {
    check.require_clean(t.title, t.id + " title");
    check.require_clean(t.question, t.id + " question");
    check.require_clean(t.asker, t.id + " asker");
    check.require_clean(t.product.area, t.id + " product");
    check.require_clean(t.product.name, t.id + " product");
    for (const SyntheticAnswer& a : t.answers) {
        check.require_clean(a.body, t.id + " answer");
        check.require_clean(a.author, t.id + " answer author");
        check.require_clean(a.role_label, t.id + " answer role label");
    }
}

struct Tally {
    std::uint64_t threads = 0, near_duplicates = 0, with_code = 0, with_accepted = 0, answers = 0, helpful_zero = 0;
    std::array<std::uint64_t, 5> roles{};
    std::array<std::uint64_t, 6> answer_counts{};

    void add(const SyntheticThread& t) {
        ++threads;
        near_duplicates += t.duplicate_of.empty() ? 0u : 1u;
        with_code += t.code.empty() ? 0u : 1u;
        ++answer_counts[std::min<std::size_t>(t.answers.size(), 5)];
        bool accepted = false;
        for (const SyntheticAnswer& a : t.answers) {
            ++answers;
            ++roles[static_cast<std::size_t>(a.role)];
            helpful_zero += a.helpful == 0 ? 1u : 0u;
            accepted = accepted || a.accepted;
        }
        with_accepted += accepted ? 1u : 0u;
    }

    void report(std::ostream& out) const {
        auto pct = [&](std::uint64_t n, std::uint64_t of) { return of ? 100.0 * double(n) / double(of) : 0.0; };
        out.setf(std::ios::fixed);
        out.precision(1);
        out << "threads: " << threads << "; near-duplicates " << pct(near_duplicates, threads) << "%, with a code "
            << pct(with_code, threads) << "%, with an accepted answer " << pct(with_accepted, threads)
            << "%; answers per thread 0..5:";
        for (auto n : answer_counts) out << " " << pct(n, threads) << "%";
        out << "\nanswers: " << answers << "; roles";
        static constexpr std::array<kb::AuthorRole, 5> kAll{kb::AuthorRole::User, kb::AuthorRole::Staff,
                                                            kb::AuthorRole::Moderator, kb::AuthorRole::StaffModerator,
                                                            kb::AuthorRole::Ai};
        for (auto role : kAll)
            out << " " << kb::to_string(role) << " " << pct(roles[static_cast<std::size_t>(role)], answers) << "%";
        out << "; 0 helpful votes " << pct(helpful_zero, answers) << "%\n";
    }
};

void write_threads(const Options& o, const SentencePool& pool, const ErrorCodePool& codes, const SyntheticNames& names,
                   const OutputCheck& check) {
    ThreadSynthesiser synthesiser(pool, codes, names, o.seed);
    ThreadSink sink(o.out, o.part_threads);
    const std::uint64_t pages = o.seed_pages.empty() ? 0 : std::min(o.count, o.seed_page_count);
    const fs::path pages_partial = o.seed_pages.empty() ? fs::path() : partial_name(o.seed_pages);
    if (pages > 0 || !o.seed_pages.empty()) {
        fs::remove_all(pages_partial);
        fs::create_directories(pages_partial);
    }
    Tally tally;
    for (std::uint64_t i = 0; i < o.count; ++i) {
        const SyntheticThread t = synthesiser.next();
        require_clean(check, t);
        sink.write(json_line(t));
        tally.add(t);
        if (i < pages) {
            const fs::path page = pages_partial / (t.id + ".txt");
            std::ofstream out(page, std::ios::binary);
            out << seed_page(t);
            out.close();
            check_stream(out, page);
            require_page_reads_back(page, t);
        }
    }
    sink.finish();
    if (!o.seed_pages.empty()) publish(pages_partial, o.seed_pages);
    tally.report(std::cerr);
    std::cerr << "wrote " << o.count << " threads, " << sink.bytes() << " bytes in " << sink.parts() << " file(s) to "
              << o.out.string();
    if (pages > 0) std::cerr << "; " << pages << " seed pages to " << o.seed_pages.string();
    std::cerr << "\n";
}

void write_queries(const Options& o, QuerySet& set, const OutputCheck& check) {
    const fs::path partial = partial_name(o.queries);
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    std::array<std::size_t, kQueryKinds.size()> per_kind{};
    for (const GeneratedQuery& q : set.queries(o.query_count)) {
        check.require_clean(q.text, "query");
        if (q.text.find_first_of("\t\n\r") != std::string::npos) throw kb::Error("kbsearch_generate: query with a tab");
        out << q.kind << '\t' << q.text << '\n';
        for (std::size_t k = 0; k < kQueryKinds.size(); ++k) per_kind[k] += kQueryKinds[k] == q.kind ? 1u : 0u;
    }
    out.close();
    check_stream(out, partial);
    fs::rename(partial, o.queries);
    std::cerr << "wrote " << o.query_count << " queries to " << o.queries.string() << ":";
    for (std::size_t k = 0; k < kQueryKinds.size(); ++k) std::cerr << " " << kQueryKinds[k] << " " << per_kind[k];
    std::cerr << "\n";
}

void write_drafts(const Options& o, QuerySet& set, const OutputCheck& check) {
    const fs::path partial = partial_name(o.drafts);
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    for (const Draft& d : set.drafts(o.draft_count)) {
        check.require_clean(d.title, "draft title");
        check.require_clean(d.text, "draft text");
        nlohmann::ordered_json j;
        j["title"] = d.title;
        j["text"] = d.text;
        out << j.dump() << '\n';
    }
    out.close();
    check_stream(out, partial);
    fs::rename(partial, o.drafts);
    std::cerr << "wrote " << o.draft_count << " drafts to " << o.drafts.string() << "\n";
}

int run(const Options& o) {
    const auto started = std::chrono::steady_clock::now();
    SentencePool pool(o.shared);
    pool.report(std::cerr);
    allow_generator_vocabulary(pool.guard());
    const ErrorCodePool codes(o.seed);
    for (const std::string& v : codes.vocabulary()) pool.guard().allow_vocabulary(v);
    OutputCheck check(pool.guard());

    if (!o.check.empty()) {
        for (const fs::path& p : o.check) check.scan(p);
        check.report(std::cout);
        return check.clean() ? 0u : 1u;
    }
    const SyntheticNames names(pool.guard(), o.seed);
    if (!o.out.empty()) write_threads(o, pool, codes, names, check);
    QuerySet set(pool, codes, o.seed);
    if (!o.queries.empty()) write_queries(o, set, check);
    if (!o.drafts.empty()) write_drafts(o, set, check);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    std::cerr << "kbsearch_generate: done in " << took.count() << " s\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"kbsearch_generate: deterministic synthetic threads, queries and drafts for the scale benchmark"};
    Options o;
    app.add_option("--shared", o.shared, "The shared folder (data/semeval2016, data/scn, seeds)")
        ->capture_default_str();
    app.add_option("--count", o.count, "Number of threads");
    app.add_option("--seed", o.seed, "PRNG seed")->capture_default_str();
    app.add_option("--out", o.out, "JSON Lines output (a folder of part-*.jsonl with --part-threads)");
    app.add_option("--part-threads", o.part_threads, "Threads per part file (0: one file)")->capture_default_str();
    app.add_option("--seed-pages", o.seed_pages, "Also write the first threads as seed pages into this folder");
    app.add_option("--seed-page-count", o.seed_page_count, "How many seed pages at most")->capture_default_str();
    app.add_option("--queries", o.queries, "Query file to write (kind<TAB>query lines)");
    app.add_option("--query-count", o.query_count, "Number of queries")->capture_default_str();
    app.add_option("--drafts", o.drafts, "Drafts file to write (JSON lines {title, text})");
    app.add_option("--draft-count", o.draft_count, "Number of drafts")->capture_default_str();
    app.add_option("--check", o.check, "PII check: scan these written files or folders and exit");
    CLI11_PARSE(app, argc, argv);
    if (o.check.empty() && o.out.empty() && o.queries.empty() && o.drafts.empty()) {
        std::cerr << "kbsearch_generate: nothing to do: give --out, --queries, --drafts or --check\n";
        return 2;
    }
    if (!o.out.empty() && app.count("--count") == 0) {
        std::cerr << "kbsearch_generate: --out needs --count\n";
        return 2;
    }
    try {
        return run(o);
    } catch (const std::exception& e) {
        const std::string what = e.what();
        std::cerr << (what.starts_with("kbsearch_generate: ") ? "" : "kbsearch_generate: ") << what << "\n";
        return 1;
    }
}
