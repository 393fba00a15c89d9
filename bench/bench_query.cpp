#include "bench/bench_query.h"

#include <fstream>

#include "indexer/text/errors.h"
#include "indexer/text/text_helpers.h"

namespace kb::bench {

std::vector<BenchQuery> read_query_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error("cannot read query file " + file.string());
    std::vector<BenchQuery> out;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty()) continue;
        const auto tab = line.find('\t');
        if (tab == std::string::npos || tab == 0 || tab + 1 == line.size())
            throw ParseError(file.string(), number, "expected kind<TAB>query");
        out.push_back({line.substr(0, tab), line.substr(tab + 1)});
    }
    if (out.empty()) throw Error("query file " + file.string() + " holds no query");
    return out;
}

std::vector<std::string> plain_words(const BenchQuery& q) {
    std::string text = q.text;
    // product:"Outlook" or product:outlook is a filter, which the peers do not have.
    for (auto at = text.find("product:"); at != std::string::npos; at = text.find("product:")) {
        std::size_t end = at + 8;
        if (end < text.size() && text[end] == '"') {
            const auto close = text.find('"', end + 1);
            end = close == std::string::npos ? text.size() : close + 1;
        } else {
            while (end < text.size() && text[end] != ' ') ++end;
        }
        text.erase(at, end - at);
    }
    std::vector<std::string> words;
    std::string current;
    auto flush = [&] {
        if (!current.empty()) words.push_back(ascii_lower(current));
        current.clear();
    };
    for (char c : text) {
        if (is_ascii_alnum(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80)
            current += c;
        else
            flush();
    }
    flush();
    return words;
}

namespace {

std::string joined(const std::vector<std::string>& words, const std::string& before, const std::string& after,
                   const std::string& between) {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) out += (i ? between : "") + before + words[i] + after;
    return out;
}

}  // namespace

std::string xapian_query_text(const BenchQuery& q) {
    const std::vector<std::string> words = plain_words(q);
    if (words.empty()) return "";
    if (q.kind == "phrase") return "\"" + joined(words, "", "", " ") + "\"";
    std::string text = joined(words, "", "", " ");
    if (q.kind == "partial") text += "*";
    return text;
}

std::string fts5_match_text(const BenchQuery& q) {
    const std::vector<std::string> words = plain_words(q);
    if (words.empty()) return "";
    if (q.kind == "phrase") return "\"" + joined(words, "", "", " ") + "\"";
    std::string text = joined(words, "\"", "\"", " OR ");
    if (q.kind == "partial") text += "*";
    return text;
}

}  // namespace kb::bench
