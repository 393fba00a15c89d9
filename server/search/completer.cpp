#include "server/search/completer.h"

#include <algorithm>

#include "indexer/schema/schema.h"
#include "indexer/text/errors.h"
#include "indexer/text/text_helpers.h"
#include "server/search/query_understanding.h"

namespace kb {

std::vector<Completion> Completer::complete(const std::string& prefix_query, int limit) const {
    if (prefix_query.size() > kMaxQueryBytes) throw QueryError("query too long", QueryProblem::TooLong);
    if (!Normaliser::is_valid_utf8(prefix_query)) throw QueryError("query is not valid UTF-8");
    if (limit < 1 || limit > 50) throw QueryError("limit must be between 1 and 50", QueryProblem::BadParameter);
    const std::string folded = normaliser_.fold(prefix_query);
    const auto cut = folded.find_last_of(" \t\n");
    const std::string head = cut == std::string::npos ? "" : folded.substr(0, cut + 1);
    const std::string last = cut == std::string::npos ? folded : folded.substr(cut + 1);
    std::vector<Completion> out;
    if (last.empty()) return out;

    auto collect = [&](const std::string& prefix, const std::string& kind, std::size_t strip) {
        std::vector<Completion> found;
        for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) {
            const std::string term = (*t).substr(strip);
            if (kind == "word" &&
                (term.empty() || !std::isalpha(static_cast<unsigned char>(term[0])) || stopper_(term)))
                continue;
            found.push_back(Completion{head + term, kind, t.get_termfreq()});
            if (found.size() > 2000) break;  // a one-letter prefix: enough to rank
        }
        std::sort(found.begin(), found.end(), [](const Completion& a, const Completion& b) {
            return a.frequency != b.frequency ? a.frequency > b.frequency : a.text < b.text;
        });
        return found;
    };
    std::string code_prefix = last;
    if (code_prefix.rfind("0x", 0) == 0) code_prefix = code_prefix.substr(2);
    // "teams c" is the start of a word, not of c004f074: codes are offered once the prefix
    // holds a digit or three characters.
    const bool code_like =
        code_prefix.size() >= 3 || std::any_of(code_prefix.begin(), code_prefix.end(), is_ascii_digit);
    if (code_like) {
        for (Completion& c :
             collect(std::string(schema::kErrorCodePrefix) + code_prefix, "code", schema::kErrorCodePrefix.size())) {
            if (static_cast<int>(out.size()) >= std::max(2, limit / 3)) break;
            out.push_back(std::move(c));
        }
    }
    for (Completion& c : collect(last, "word", 0)) {
        if (static_cast<int>(out.size()) >= limit) break;
        if (std::none_of(out.begin(), out.end(), [&](const Completion& o) { return o.text == c.text; }))
            out.push_back(std::move(c));
    }
    return out;
}

}  // namespace kb
