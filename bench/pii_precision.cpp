// The PII precision benchmark: the share of the scrubber's placeholders that replaced personal
// data. It runs the real parsers and the pipeline's scrub stage over (1) support text written to be
// full of things that are not PII (tests/pii_precision, marked up as tests/pii_corpus is: a
// placeholder is right when it replaced a marked item) and (2) real threads (corpus/, the seeds),
// whose placeholders a person reviewed (tests/pii_precision/reviewed.tsv; one not reviewed counts
// as wrong). --list prints every placeholder with the words around it, over any input (the
// labelled data in ../shared/data too), for review; --sample N --seed S draws N of them at random
// as rows to review, and --recheck reads such a reviewed sample again after a change (docs/pii.md).
// With --check it exits 1 below --min-precision.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <unistd.h>

#include "bench/pii_placeholder_spans.h"
#include "bench/prng.h"
#include "indexer/ingest/thread_parser.h"
#include "indexer/ingest/thread_pipeline.h"
#include "indexer/schema/keys.h"
#include "indexer/text/name_finder.h"
#include "indexer/text/normaliser.h"

namespace fs = std::filesystem;

namespace {

// A marked item of a fixture: its kind ("keep" for text that must stay) and its bytes in the
// rendered, normalised field.
struct Marked {
    std::string kind;
    std::size_t begin = 0, end = 0;
};

// A field's "[[kind:text]]" markup taken out: the text, and where each item is in it.
std::string render(std::string_view field, std::vector<Marked>* items) {
    std::string out;
    std::size_t at = 0;
    while (true) {
        const std::size_t open = field.find("[[", at);
        const std::size_t colon = open == std::string_view::npos ? open : field.find(':', open);
        const std::size_t close = colon == std::string_view::npos ? colon : field.find("]]", colon);
        if (close == std::string_view::npos) break;
        out.append(field.substr(at, open - at));
        const std::size_t begin = out.size();
        out.append(field.substr(colon + 1, close - colon - 1));
        if (items) items->push_back({std::string(field.substr(open + 2, colon - open - 2)), begin, out.size()});
        at = close + 2;
    }
    out.append(field.substr(at));
    return out;
}

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Cells of a tab-separated row.
std::vector<std::string> cells_of(const std::string& line) {
    std::vector<std::string> cells;
    std::size_t at = 0;
    for (std::size_t tab; (tab = line.find('\t', at)) != std::string::npos; at = tab + 1)
        cells.push_back(line.substr(at, tab - at));
    cells.push_back(line.substr(at));
    return cells;
}

std::vector<kb::Thread> parse(const fs::path& file, int& failures) {
    auto parser = kb::make_thread_parser(kb::detect_input_format(file));
    kb::ParseOutcome outcome = parser->parse_file(file);
    for (const kb::ParseError& e : outcome.errors) {
        std::fprintf(stderr, "skipped %s\n", e.what());
        ++failures;
    }
    return std::move(outcome.threads);
}

// Files under the inputs, sorted, leaving out READMEs and hidden files (as a build reads them).
std::vector<fs::path> files_under(const std::vector<fs::path>& inputs) {
    std::vector<fs::path> files;
    for (const fs::path& input : inputs) {
        if (!fs::is_directory(input)) {
            files.push_back(input);
            continue;
        }
        std::vector<fs::path> found;
        for (const auto& entry : fs::recursive_directory_iterator(input)) {
            const std::string name = entry.path().filename().string();
            if (entry.is_regular_file() && !name.starts_with(".") && entry.path().extension() != ".md")
                found.push_back(entry.path());
        }
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

// The build's first read: the forum's frequent phrases and its posters, as IndexBuilder learns them.
std::shared_ptr<kb::ForumPhrases> learn_forum(const std::vector<kb::Thread>& threads) {
    auto phrases = std::make_shared<kb::ForumPhrases>();
    const kb::ThreadPipeline counter;
    for (const kb::Thread& t : threads) counter.count_phrases(t, *phrases);
    phrases->finish();
    return phrases;
}

// A reviewer's verdicts on the placeholders of real threads: "thread<TAB>placeholder<TAB>
// replaced text<TAB>pii|not<TAB>note", one a line.
using Verdicts = std::map<std::string, bool>;

std::string verdict_key(std::string_view thread, std::string_view placeholder, std::string_view replaced) {
    std::string key(replaced);
    std::replace(key.begin(), key.end(), '\n', ' ');
    std::replace(key.begin(), key.end(), '\t', ' ');
    return std::string(thread) + "\t" + std::string(placeholder) + "\t" + key;
}

// One reviewed row: a placeholder (thread, placeholder, the text it replaced) and its verdict.
struct ReviewedRow {
    std::string key;  // verdict_key() of its first three cells
    bool pii = false;
    std::string line;  // as written, for messages
};

// The rows of a verdicts file or a reviewed sample; '#' lines are comments. Throws on a row
// without a verdict.
std::vector<ReviewedRow> reviewed_rows(const fs::path& file) {
    std::vector<ReviewedRow> rows;
    std::istringstream lines(read_file(file));
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] == '#') continue;
        const std::vector<std::string> cells = cells_of(line);
        if (cells.size() < 4 || (cells[3] != "pii" && cells[3] != "not"))
            throw std::runtime_error(file.string() + ": not 'thread, placeholder, text, pii|not': " + line);
        rows.push_back({verdict_key(cells[0], cells[1], cells[2]), cells[3] == "pii", line});
    }
    return rows;
}

Verdicts read_verdicts(const fs::path& file) {
    Verdicts verdicts;
    for (const ReviewedRow& row : reviewed_rows(file)) verdicts[row.key] = row.pii;
    return verdicts;
}

struct Tally {
    int placeholders = 0, right = 0;
    double precision() const { return placeholders ? static_cast<double>(right) / placeholders : 1.0; }
};

void print_placeholder(const char* verdict, const std::string& where, const kb::ScrubbedField& field,
                       const kb::PlaceholderSpan& span) {
    std::printf("%-5s %-44s %-15s %s\n", verdict, (where + " " + field.where).c_str(), span.placeholder.c_str(),
                kb::in_context(field.input, span.begin, span.end).c_str());
}

// The fixtures: each placeholder is right when what it replaced overlaps an item marked as
// personal data; a marked item that is not all there afterwards is counted as lost (precision's
// other side: what is not PII is never removed) or, for PII, as leaked.
struct FixtureResult {
    Tally tally;
    int keeps = 0, damaged = 0, planted = 0, leaked = 0;
};

FixtureResult measure_fixtures(const fs::path& folder, bool verbose, bool list, int& failures) {
    FixtureResult result;
    std::vector<fs::path> templates;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().extension() == ".in") templates.push_back(entry.path());
    std::sort(templates.begin(), templates.end());
    const fs::path work = fs::temp_directory_path() / ("kbsearch-pii-precision-" + std::to_string(::getpid()));
    fs::create_directories(work / "template");
    fs::create_directories(work / "rendered");
    std::vector<kb::Thread> truths, rendered;
    for (const fs::path& file : templates) {
        const std::string name = file.stem().string();
        const std::string text = read_file(file);
        std::ofstream(work / "template" / name, std::ios::binary) << text;
        std::ofstream(work / "rendered" / name, std::ios::binary) << render(text, nullptr);
        std::vector<kb::Thread> t = parse(work / "template" / name, failures);
        std::vector<kb::Thread> r = parse(work / "rendered" / name, failures);
        if (t.size() != r.size()) {
            std::fprintf(stderr, "error: %s: %zu threads with markup, %zu rendered\n", file.c_str(), t.size(),
                         r.size());
            ++failures;
            continue;
        }
        std::move(t.begin(), t.end(), std::back_inserter(truths));
        std::move(r.begin(), r.end(), std::back_inserter(rendered));
    }
    fs::remove_all(work);
    if (templates.empty()) {
        std::fprintf(stderr, "error: no *.in templates in %s\n", folder.c_str());
        ++failures;
    }

    const auto forum = learn_forum(rendered);
    const kb::Normaliser normaliser;
    for (std::size_t t = 0; t < rendered.size(); ++t) {
        std::vector<std::string> marked{truths[t].title, truths[t].question};
        for (const kb::Answer& a : truths[t].answers) {
            marked.push_back(a.body);
            marked.push_back(a.role_label);
        }
        const std::vector<kb::ScrubbedField> fields = kb::scrub_fields(rendered[t], forum.get());
        for (std::size_t f = 0; f < fields.size(); ++f) {
            std::vector<Marked> items;
            // Markup survives normalising, so items are found in the text the scrubber read.
            if (render(normaliser.clean(marked[f]), &items) != fields[f].input) {
                std::fprintf(stderr, "error: %s %s: the markup moved in normalising\n", rendered[t].id.c_str(),
                             fields[f].where.c_str());
                ++failures;
                continue;
            }
            for (const kb::PlaceholderSpan& span : kb::placeholder_spans(fields[f].input, fields[f].output)) {
                const bool right = std::any_of(items.begin(), items.end(), [&](const Marked& m) {
                    return m.kind != "keep" && m.begin < std::max(span.end, span.begin + 1) && span.begin < m.end;
                });
                ++result.tally.placeholders;
                result.tally.right += right;
                if (list || (verbose && !right))
                    print_placeholder(right ? "pii" : "WRONG", rendered[t].id, fields[f], span);
            }
            for (const Marked& m : items) {
                const std::string text = fields[f].input.substr(m.begin, m.end - m.begin);
                const bool intact = fields[f].output.find(text) != std::string::npos;
                if (m.kind == "keep") {
                    ++result.keeps;
                    result.damaged += !intact;
                    if (verbose && !intact)
                        std::printf("lost  %-44s %s\n", (rendered[t].id + " " + fields[f].where).c_str(), text.c_str());
                } else {
                    ++result.planted;
                    result.leaked += intact;
                    if (verbose && intact)
                        std::printf("leak  %-44s %s\n", (rendered[t].id + " " + fields[f].where).c_str(), text.c_str());
                }
            }
        }
    }
    return result;
}

// One placeholder of the real threads, as a reviewer sees it.
struct Listed {
    std::string thread, where, placeholder, replaced, context;
};

// Every placeholder the scrubber makes over the real threads, in the order of the sorted files.
std::vector<Listed> placeholders_of(const std::vector<fs::path>& inputs, int& failures) {
    std::vector<kb::Thread> threads;
    for (const fs::path& file : files_under(inputs)) {
        std::vector<kb::Thread> t = parse(file, failures);
        std::move(t.begin(), t.end(), std::back_inserter(threads));
    }
    const auto forum = learn_forum(threads);
    std::vector<Listed> listed;
    for (const kb::Thread& thread : threads)
        for (const kb::ScrubbedField& field : kb::scrub_fields(thread, forum.get()))
            for (const kb::PlaceholderSpan& span : kb::placeholder_spans(field.input, field.output))
                listed.push_back({thread.id, field.where, span.placeholder,
                                  field.input.substr(span.begin, span.end - span.begin),
                                  kb::in_context(field.input, span.begin, span.end)});
    return listed;
}

// Real threads: every placeholder against the reviewer's verdicts.
Tally measure_real(const std::vector<Listed>& listed, const Verdicts& verdicts, bool verbose, bool list) {
    Tally tally;
    for (const Listed& p : listed) {
        const auto verdict = verdicts.find(verdict_key(p.thread, p.placeholder, p.replaced));
        const bool right = verdict != verdicts.end() && verdict->second;
        ++tally.placeholders;
        tally.right += right;
        const char* label = verdict == verdicts.end() ? "?" : right ? "pii" : "WRONG";
        if (list || (verbose && !right))
            std::printf("%-5s %-44s %-15s %s\n", label, (p.thread + " " + p.where).c_str(), p.placeholder.c_str(),
                        p.context.c_str());
    }
    return tally;
}

// A cell of a verdicts file: no tab or line break inside.
std::string cell(std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    std::replace(text.begin(), text.end(), '\t', ' ');
    return text;
}

// `count` placeholders drawn uniformly without replacement (selection sampling, Knuth's
// Algorithm S, on bench/prng.h's draws: the same seed and inputs give the same sample anywhere),
// printed in listing order as rows of a verdicts file: thread, placeholder, replaced text, the
// verdict `verdicts` holds or "?", and the field and context for the reviewer.
void print_sample(const std::vector<Listed>& listed, std::size_t count, std::uint64_t seed, const Verdicts& verdicts) {
    kb::bench::Prng prng(seed);
    std::size_t chosen = 0;
    for (std::size_t i = 0; i < listed.size() && chosen < count; ++i) {
        if (prng.below(listed.size() - i) >= count - chosen) continue;
        ++chosen;
        const Listed& p = listed[i];
        const auto verdict = verdicts.find(verdict_key(p.thread, p.placeholder, p.replaced));
        const char* label = verdict == verdicts.end() ? "?" : verdict->second ? "pii" : "not";
        std::printf("%s\t%s\t%s\t%s\t%s: %s\n", p.thread.c_str(), p.placeholder.c_str(), cell(p.replaced).c_str(),
                    label, p.where.c_str(), cell(p.context).c_str());
    }
}

// How a reviewed sample keeps a text that is personal data: as a hash of its row form (cell()),
// so the file holds no name, address or number of the data's people, and --recheck still
// matches it.
std::string hashed(const std::string& text) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(kb::stable_hash(text)));
    return std::string("hash:") + hex;
}

// Rewrites a reviewed sample in place with the text of every "pii" row hashed: what is
// committed after a review.
void hash_personal(const fs::path& sample) {
    std::istringstream lines(read_file(sample));
    std::string out, line;
    int changed = 0;
    while (std::getline(lines, line)) {
        std::vector<std::string> cells = cells_of(line);
        if (!line.empty() && line[0] != '#' && cells.size() >= 4 && cells[3] == "pii" &&
            !cells[2].starts_with("hash:")) {
            cells[2] = hashed(cells[2]);
            ++changed;
            line.clear();
            for (std::size_t i = 0; i < cells.size(); ++i) line += (i ? "\t" : "") + cells[i];
        }
        out += line + "\n";
    }
    std::ofstream(sample, std::ios::binary | std::ios::trunc) << out;
    std::printf("%s: %d personal texts hashed\n", sample.string().c_str(), changed);
}

// A reviewed sample read again after a change to the scrubber: each row is still made (somewhere
// in its thread) or gone. Gone "not" rows are fixed false positives, gone "pii" rows lost personal
// data; the precision before is over every row, after over the rows still made.
void recheck_sample(const std::vector<Listed>& listed, const fs::path& sample, bool verbose) {
    std::set<std::string> made;
    for (const Listed& p : listed) {
        made.insert(verdict_key(p.thread, p.placeholder, p.replaced));
        made.insert(verdict_key(p.thread, p.placeholder, hashed(cell(p.replaced))));
    }
    int rows = 0, right = 0, kept = 0, kept_right = 0, lost = 0, fixed = 0;
    for (const ReviewedRow& row : reviewed_rows(sample)) {
        const bool pii = row.pii;
        const bool still = made.count(row.key) > 0;
        ++rows;
        right += pii;
        kept += still;
        kept_right += still && pii;
        lost += !still && pii;
        fixed += !still && !pii;
        if (verbose && !still) std::printf("%-5s %s\n", pii ? "LOST" : "fixed", row.line.c_str());
    }
    const auto ratio = [](int a, int b) { return b ? static_cast<double>(a) / b : 1.0; };
    std::printf("sample %s: %d rows, %d personal data: precision %.3f\n", sample.filename().c_str(), rows, right,
                ratio(right, rows));
    std::printf("  still made: %d (%d personal data): precision %.3f\n", kept, kept_right, ratio(kept_right, kept));
    std::printf("  gone: %d not personal data (fixed), %d personal data (lost)\n", fixed, lost);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Precision of the PII scrubber: the share of its placeholders that replaced personal data"};
    std::string fixtures, reviewed;
    std::vector<std::string> inputs;
    std::string recheck;
    bool check = false, verbose = false, list = false;
    double min_precision = 0.98;
    std::size_t sample = 0;
    std::uint64_t seed = 1;
    app.add_option("--fixtures", fixtures, "Folder of marked-up *.in templates (tests/pii_precision)");
    app.add_option("--reviewed", reviewed, "Verdicts on the placeholders of the real inputs (reviewed.tsv)");
    app.add_option("inputs", inputs, "Real threads (files or folders in any input format): corpus/, the seeds");
    app.add_flag("--check", check, "Exit 1 below --min-precision on the fixtures or on the real inputs");
    app.add_option("--min-precision", min_precision)->capture_default_str();
    app.add_flag("--verbose", verbose, "Print every wrong or unreviewed placeholder, lost look-alike and leak");
    app.add_flag("--list", list, "Print every placeholder with the words around it, for review");
    app.add_option("--sample", sample,
                   "Print N placeholders of the real inputs drawn at random, as rows of a verdicts file to review");
    app.add_option("--seed", seed, "The --sample draw's seed")->capture_default_str();
    std::string hash_file;
    app.add_option("--hash-personal", hash_file,
                   "Rewrite a reviewed sample with the text of its personal-data rows hashed, before committing it");
    app.add_option("--recheck", recheck,
                   "A reviewed sample (rows as --sample prints them): which rows the scrubber still makes");
    CLI11_PARSE(app, argc, argv);
    if (!hash_file.empty()) {
        try {
            hash_personal(hash_file);
            return 0;
        } catch (const std::exception& e) {
            std::fprintf(stderr, "error: %s\n", e.what());
            return 1;
        }
    }
    if (fixtures.empty() && inputs.empty()) {
        std::fprintf(stderr, "error: give --fixtures DIR or inputs to read\n");
        return 2;
    }

    int failures = 0;
    bool below = false;
    try {
        if (sample > 0 || !recheck.empty()) {
            const std::vector<Listed> listed =
                placeholders_of(std::vector<fs::path>(inputs.begin(), inputs.end()), failures);
            if (sample > 0) print_sample(listed, sample, seed, reviewed.empty() ? Verdicts{} : read_verdicts(reviewed));
            if (!recheck.empty()) recheck_sample(listed, recheck, verbose);
            return 0;
        }
        std::printf("%-28s %12s %8s %8s %10s\n", "set", "placeholders", "right", "wrong", "precision");
        if (!fixtures.empty()) {
            const FixtureResult r = measure_fixtures(fixtures, verbose, list, failures);
            std::printf("%-28s %12d %8d %8d %10.3f\n", "fixtures (written)", r.tally.placeholders, r.tally.right,
                        r.tally.placeholders - r.tally.right, r.tally.precision());
            std::printf("  look-alikes kept: %d of %d; marked PII removed: %d of %d\n", r.keeps - r.damaged, r.keeps,
                        r.planted - r.leaked, r.planted);
            below = below || r.tally.precision() < min_precision;
        }
        if (!inputs.empty()) {
            const Verdicts verdicts = reviewed.empty() ? Verdicts{} : read_verdicts(reviewed);
            const Tally t = measure_real(placeholders_of(std::vector<fs::path>(inputs.begin(), inputs.end()), failures),
                                         verdicts, verbose, list);
            std::printf("%-28s %12d %8d %8d %10.3f\n", reviewed.empty() ? "real (not reviewed)" : "real (reviewed)",
                        t.placeholders, t.right, t.placeholders - t.right, t.precision());
            below = below || (!reviewed.empty() && t.precision() < min_precision);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 2;
    }
    if (failures && !fixtures.empty()) return 2;
    if (check && below) {
        std::printf("FAIL: precision below %.2f\n", min_precision);
        return 1;
    }
    return 0;
}
