// The PII benchmark: renders the planted-PII corpus (tests/pii_corpus, markup described in its
// README), runs every thread through the real parsers and ThreadPipeline, and prints, per kind of
// personal data, how many planted items still show in what would be stored (recall), and how many
// look-alikes that must survive were damaged (false positives). With --check it exits non-zero
// below --min-recall for any kind or above --max-false-positives.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unistd.h>

#include "indexer/ingest/thread_parser.h"
#include "indexer/ingest/thread_pipeline.h"
#include "indexer/text/name_finder.h"
#include "indexer/text/normaliser.h"
#include "indexer/text/pii_scrubber.h"

namespace fs = std::filesystem;

namespace {

struct Marked {
    std::string kind;  // "keep" for a look-alike, else the kind of personal data
    std::string text;
};

// A field of a template thread: the marked items in it, and its text with planted items taken
// out (what the output may legitimately still contain).
struct FieldTruth {
    std::vector<Marked> items;
    std::string allowed;
};

FieldTruth read_markup(const std::string& field) {
    FieldTruth truth;
    std::size_t at = 0;
    while (at < field.size()) {
        const std::size_t open = field.find("[[", at);
        const std::size_t colon = open == std::string::npos ? open : field.find(':', open);
        const std::size_t close = colon == std::string::npos ? colon : field.find("]]", colon);
        if (close == std::string::npos) {
            truth.allowed.append(field, at, std::string::npos);
            break;
        }
        truth.allowed.append(field, at, open - at);
        Marked item{field.substr(open + 2, colon - open - 2), field.substr(colon + 1, close - colon - 1)};
        if (item.kind == "keep") truth.allowed += item.text;
        truth.allowed += ' ';
        truth.items.push_back(std::move(item));
        at = close + 2;
    }
    return truth;
}

std::string render(const std::string& templ) {
    std::string out;
    std::size_t at = 0;
    while (true) {
        const std::size_t open = templ.find("[[", at);
        const std::size_t colon = open == std::string::npos ? open : templ.find(':', open);
        const std::size_t close = colon == std::string::npos ? colon : templ.find("]]", colon);
        if (close == std::string::npos) break;
        out.append(templ, at, open - at);
        out.append(templ, colon + 1, close - colon - 1);
        at = close + 2;
    }
    out.append(templ, at, std::string::npos);
    return out;
}

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string collapse_spaces(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

bool is_word_code_point(UChar32 c) { return c >= 0 && (u_isalnum(c) || c == '_'); }

// Times `word` occurs in `text` not inside a longer word.
int count_word(std::string_view text, std::string_view word, bool ignore_case) {
    std::string haystack(text), needle(word);
    if (ignore_case) {
        std::transform(haystack.begin(), haystack.end(), haystack.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        std::transform(needle.begin(), needle.end(), needle.begin(), [](unsigned char c) { return std::tolower(c); });
    }
    int count = 0;
    for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) {
        UChar32 before = -1, after = -1;
        if (at > 0) {
            auto i = static_cast<int32_t>(at);
            U8_PREV(reinterpret_cast<const uint8_t*>(haystack.data()), 0, i, before);
        }
        if (at + needle.size() < haystack.size()) {
            auto i = static_cast<int32_t>(at + needle.size());
            U8_NEXT(reinterpret_cast<const uint8_t*>(haystack.data()), i, static_cast<int32_t>(haystack.size()), after);
        }
        if (!is_word_code_point(before) && !is_word_code_point(after)) ++count;
    }
    return count;
}

// The pieces of a planted item that identify someone on their own: a name's capitalised words
// (two letters or more; "van", "de" are not), any other item's runs of four or more letters or
// digits ("900481" of a phone number, "kowalski" of an address).
std::vector<std::string> identifying_pieces(const Marked& item) {
    std::vector<std::string> pieces;
    std::string piece;
    const auto flush = [&] {
        const bool is_name = item.kind == "name";
        int32_t i = 0, length = 0;
        UChar32 first = -1;
        if (!piece.empty())
            U8_NEXT(reinterpret_cast<const uint8_t*>(piece.data()), i, static_cast<int32_t>(piece.size()), first);
        for (int32_t j = 0; j < static_cast<int32_t>(piece.size());) {
            UChar32 c;
            U8_NEXT(reinterpret_cast<const uint8_t*>(piece.data()), j, static_cast<int32_t>(piece.size()), c);
            ++length;
        }
        if (is_name ? (length >= 2 && u_isupper(first)) : length >= 4) pieces.push_back(piece);
        piece.clear();
    };
    // An address's domain names a company, not a person: only its local part counts.
    std::string_view text = item.text;
    if (item.kind == "email") text = text.substr(0, text.find('@'));
    if (item.kind == "email_obfuscated") {
        std::string lower(text);
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
        for (const std::string_view at : {"at", "apenstaartje"})
            for (std::size_t i = lower.find(at); i != std::string::npos; i = lower.find(at, i + 1))
                if (i > 0 && !std::isalnum(static_cast<unsigned char>(lower[i - 1])) &&
                    !std::isalnum(static_cast<unsigned char>(lower[i + at.size()]))) {
                    text = text.substr(0, std::min(text.size(), i));
                    break;
                }
    }
    for (int32_t i = 0; i < static_cast<int32_t>(text.size());) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
        if (u_isalnum(c))
            piece.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
        else
            flush();
    }
    flush();
    return pieces;
}

struct Tally {
    int planted = 0, leaked = 0;
};

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Recall per kind of the PII scrubber on the planted-PII corpus, and its false positives"};
    std::string corpus = "tests/pii_corpus";
    bool check = false, verbose = false;
    double min_recall = 0.99, max_false_positives = 0.02;
    app.add_option("--corpus", corpus, "Folder of *.in templates")->capture_default_str();
    app.add_flag("--check", check, "Exit 1 below --min-recall for a kind or above --max-false-positives");
    app.add_option("--min-recall", min_recall)->capture_default_str();
    app.add_option("--max-false-positives", max_false_positives)->capture_default_str();
    app.add_flag("--verbose", verbose, "List every leak and every damaged look-alike");
    std::vector<std::string> scrub_texts;
    app.add_option("--scrub", scrub_texts,
                   "Print each TEXT as scrubbed (no names given) and exit: for looking at one case");
    bool print_names = false;
    app.add_flag("--names", print_names, "Print the names found in each thread before the scores");
    std::string names_in;
    app.add_option("--names-in", names_in, "Print the names found in each thread of FILE (any input format) and exit");
    CLI11_PARSE(app, argc, argv);
    if (!names_in.empty()) {
        const kb::Normaliser normaliser;
        auto parser = kb::make_thread_parser(kb::detect_input_format(names_in));
        const std::vector<kb::Thread> threads = parser->parse_file(names_in).threads;
        kb::ForumPhrases phrases;
        for (const kb::Thread& t : threads) kb::ThreadPipeline().count_phrases(t, phrases);
        phrases.finish();
        std::printf("%zu frequent phrases\n", phrases.size());
        for (const kb::Thread& t : threads) {
            std::string written = t.title + "\n" + t.question;
            for (const kb::Answer& a : t.answers) written += "\n\n" + a.body;
            std::printf("%s", t.id.c_str());
            for (const std::string& n : kb::NameFinder(t.product_path).find(normaliser.clean(written), &phrases))
                std::printf(" | %s", n.c_str());
            std::printf("\n");
        }
        return 0;
    }
    if (!scrub_texts.empty()) {
        const kb::PiiScrubber scrubber;
        for (const std::string& text : scrub_texts)
            std::printf("%s\n", scrubber.scrub(kb::Normaliser().clean(text)).c_str());
        return 0;
    }

    std::vector<fs::path> templates;
    std::error_code unreadable;
    if (!fs::is_directory(corpus, unreadable)) {
        std::fprintf(stderr, "error: %s is not a folder of *.in templates (give --corpus)\n", corpus.c_str());
        return 2;
    }
    for (const auto& entry : fs::directory_iterator(corpus))
        if (entry.path().extension() == ".in") templates.push_back(entry.path());
    std::sort(templates.begin(), templates.end());
    if (templates.empty()) {
        std::fprintf(stderr, "error: no *.in templates in %s\n", corpus.c_str());
        return 2;
    }
    const fs::path work = fs::temp_directory_path() / ("kbsearch-pii-" + std::to_string(::getpid()));
    fs::create_directories(work / "template");
    fs::create_directories(work / "rendered");

    const kb::Normaliser normaliser;
    std::map<std::string, Tally> kinds;
    int keeps = 0, damaged = 0, failures = 0;
    struct Parsed {
        fs::path file;
        std::string name;
        std::vector<kb::Thread> truths, rendered;
    };
    std::vector<Parsed> parsed;
    for (const fs::path& file : templates) {
        const std::string name = file.stem().string();  // page-01.txt
        const std::string templ = read_file(file);
        {
            std::ofstream(work / "template" / name, std::ios::binary) << templ;
            std::ofstream(work / "rendered" / name, std::ios::binary) << render(templ);
        }
        const auto parse = [&](const fs::path& path) {
            auto parser = kb::make_thread_parser(kb::detect_input_format(path));
            kb::ParseOutcome outcome = parser->parse_file(path);
            for (const kb::ParseError& e : outcome.errors) {
                std::fprintf(stderr, "error: %s: %s\n", file.string().c_str(), e.what());
                ++failures;
            }
            return outcome.threads;
        };
        const std::vector<kb::Thread> truths = parse(work / "template" / name);
        std::vector<kb::Thread> rendered = parse(work / "rendered" / name);
        if (truths.size() != rendered.size()) {
            std::fprintf(stderr, "error: %s: %zu threads with markup, %zu rendered\n", file.string().c_str(),
                         truths.size(), rendered.size());
            ++failures;
            continue;
        }
        parsed.push_back({file, name, truths, std::move(rendered)});
    }
    // As a build does: the corpus's frequent name-shaped phrases first.
    auto phrases = std::make_shared<kb::ForumPhrases>();
    for (const Parsed& p : parsed)
        for (const kb::Thread& t : p.rendered) kb::ThreadPipeline().count_phrases(t, *phrases);
    phrases->finish();
    const kb::ThreadPipeline pipeline(phrases);
    for (Parsed& p : parsed) {
        const std::string& name = p.name;
        const std::vector<kb::Thread>& truths = p.truths;
        std::vector<kb::Thread>& rendered = p.rendered;
        for (std::size_t t = 0; t < truths.size(); ++t) {
            if (print_names) {
                std::string written = rendered[t].title + "\n" + rendered[t].question;
                for (const kb::Answer& a : rendered[t].answers) written += "\n\n" + a.body;
                std::printf("names    %-40s", (name + " " + rendered[t].id).c_str());
                for (const std::string& n : kb::NameFinder(rendered[t].product_path).find(normaliser.clean(written)))
                    std::printf(" | %s", n.c_str());
                std::printf("\n");
            }
            const kb::ThreadRecord record = pipeline.prepare(std::move(rendered[t]));
            std::string output = record.thread.title + "\n" + record.thread.question;
            for (const kb::Answer& a : record.thread.answers) output += "\n" + a.role_label + "\n" + a.body;
            output = collapse_spaces(output);

            std::vector<FieldTruth> fields{read_markup(truths[t].title), read_markup(truths[t].question)};
            for (const kb::Answer& a : truths[t].answers) fields.push_back(read_markup(a.body));
            std::string allowed;
            for (const FieldTruth& f : fields) allowed += f.allowed + "\n";
            allowed = normaliser.clean(allowed);

            const std::string where = name + " " + truths[t].id;
            for (const FieldTruth& f : fields) {
                for (const Marked& item : f.items) {
                    const std::string text = collapse_spaces(normaliser.clean(item.text));
                    if (item.kind == "keep") {
                        ++keeps;
                        if (output.find(text) == std::string::npos) {
                            ++damaged;
                            if (verbose) std::printf("damaged  %-40s %s\n", where.c_str(), text.c_str());
                        }
                        continue;
                    }
                    Tally& tally = kinds[item.kind];
                    ++tally.planted;
                    std::string leak;
                    if (output.find(text) != std::string::npos && allowed.find(text) == std::string::npos) leak = text;
                    for (const std::string& piece : identifying_pieces(item)) {
                        const bool ignore_case = item.kind != "name";
                        if (leak.empty() &&
                            count_word(output, piece, ignore_case) > count_word(allowed, piece, ignore_case))
                            leak = piece;
                    }
                    if (!leak.empty()) {
                        ++tally.leaked;
                        if (verbose) {
                            const std::size_t at = output.find(leak);
                            const std::size_t from = at == std::string::npos || at < 40 ? 0 : at - 40;
                            std::printf("leaked   %-40s %-16s %s  (shows: %s in \"%s\")\n", where.c_str(),
                                        item.kind.c_str(), text.c_str(), leak.c_str(),
                                        at == std::string::npos ? "" : output.substr(from, 100).c_str());
                        }
                    }
                }
            }
        }
    }
    fs::remove_all(work);

    std::printf("%-18s %8s %8s %8s\n", "kind", "planted", "leaked", "recall");
    int planted = 0;
    bool below = false;
    for (const auto& [kind, tally] : kinds) {
        const double recall = 1.0 - static_cast<double>(tally.leaked) / tally.planted;
        planted += tally.planted;
        below = below || recall < min_recall;
        std::printf("%-18s %8d %8d %8.3f\n", kind.c_str(), tally.planted, tally.leaked, recall);
    }
    const double false_positives = keeps ? static_cast<double>(damaged) / keeps : 0.0;
    std::printf("%-18s %8d %8d %8.3f  (false-positive rate)\n", "look-alikes kept", keeps, damaged, false_positives);
    std::printf("%d planted items in %zu files\n", planted, templates.size());
    if (failures) return 2;
    if (check && (below || false_positives > max_false_positives)) {
        std::printf("FAIL: recall below %.2f for a kind, or false positives above %.2f\n", min_recall,
                    max_false_positives);
        return 1;
    }
    return 0;
}
