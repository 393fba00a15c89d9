#include "server/eval/relevancy_file.h"

#include <charconv>
#include <map>

#include "indexer/ingest/thread_parser.h"
#include "indexer/text/errors.h"

namespace kb {

namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t from = 0;
    while (true) {
        const std::size_t tab = line.find('\t', from);
        fields.push_back(line.substr(from, tab == std::string_view::npos ? std::string_view::npos : tab - from));
        if (tab == std::string_view::npos) return fields;
        from = tab + 1;
    }
}

}  // namespace

RelevancyFile::RelevancyFile(const std::filesystem::path& file) {
    const std::string text = read_input_file(file, kMaxInputFileBytes);
    std::map<std::string, std::size_t> index_of;
    int line_number = 0;
    std::size_t from = 0;
    while (from < text.size()) {
        std::size_t end = text.find('\n', from);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + from, end - from);
        from = end + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) continue;
        const auto fields = split_tabs(line);
        auto fail = [&](const std::string& why) { throw ParseError(file.string(), line_number, why); };
        if (fields.size() != 5) fail("expected 5 tab-separated fields, found " + std::to_string(fields.size()));
        GoldCandidate c;
        c.id = std::string(fields[1]);
        const auto rank = std::from_chars(fields[2].data(), fields[2].data() + fields[2].size(), c.engine_rank);
        if (rank.ec != std::errc() || rank.ptr != fields[2].data() + fields[2].size()) fail("rank is not a number");
        try {
            std::size_t used = 0;
            c.engine_score = std::stod(std::string(fields[3]), &used);
            if (used != fields[3].size()) fail("score is not a number");
        } catch (const std::logic_error&) {
            fail("score is not a number");
        }
        if (fields[4] == "true")
            c.relevant = true;
        else if (fields[4] != "false")
            fail("label must be true or false");
        const std::string query(fields[0]);
        auto [it, added] = index_of.emplace(query, queries_.size());
        if (added) queries_.push_back(GoldQuery{query, {}});
        queries_[it->second].candidates.push_back(std::move(c));
    }
}

std::size_t RelevancyFile::candidate_count() const {
    std::size_t n = 0;
    for (const GoldQuery& q : queries_) n += q.candidates.size();
    return n;
}

}  // namespace kb
