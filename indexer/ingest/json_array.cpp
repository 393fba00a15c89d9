#include "indexer/ingest/json_array.h"

#include "indexer/text/errors.h"

namespace kb {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t skip_space(std::string_view s, std::size_t at) {
    while (at < s.size() && is_space(s[at])) ++at;
    return at;
}

}  // namespace

std::vector<JsonArrayElement> split_json_array(std::string_view s, const LineIndex& lines, const std::string& file,
                                               std::string_view records) {
    std::vector<JsonArrayElement> elements;
    std::size_t at = skip_space(s, 0);
    if (s.substr(at, 3) == "\xEF\xBB\xBF") at = skip_space(s, at + 3);
    if (at >= s.size() || s[at] != '[')
        throw ParseError(file, lines.line_at(static_cast<std::ptrdiff_t>(at)),
                         "not a JSON array of " + std::string(records));
    at = skip_space(s, at + 1);
    if (at < s.size() && s[at] == ']') return elements;
    while (at < s.size()) {
        const std::size_t start = at;
        int depth = 0;
        bool in_string = false;
        for (; at < s.size(); ++at) {
            const char c = s[at];
            if (in_string) {
                if (c == '\\')
                    ++at;
                else if (c == '"')
                    in_string = false;
            } else if (c == '"') {
                in_string = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (depth == 0) break;  // the array's own ']'
                --depth;
            } else if (c == ',' && depth == 0) {
                break;
            }
        }
        if (at >= s.size())
            throw ParseError(file, lines.line_at(static_cast<std::ptrdiff_t>(start)),
                             "unterminated element: the array never closes");
        std::size_t end = at;
        while (end > start && is_space(s[end - 1])) --end;
        elements.push_back(JsonArrayElement{s.substr(start, end - start), start});
        if (s[at] == ']') return elements;
        at = skip_space(s, at + 1);  // past the ','
    }
    throw ParseError(file, lines.line_at(static_cast<std::ptrdiff_t>(s.size())), "unterminated array");
}

}  // namespace kb
