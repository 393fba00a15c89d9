#include "indexer/ingest/json_lines_parser.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <limits>
#include <vector>

#include <nlohmann/json.hpp>

#include "indexer/ingest/json_array.h"
#include "indexer/schema/keys.h"
#include "indexer/text/line_index.h"
#include "indexer/text/text_helpers.h"

namespace kb {

using nlohmann::json;

namespace {

// Reads fields of one object, throwing ParseError that names the field (and answer) at fault.
class FieldReader {
  public:
    FieldReader(const json& object, std::string where, const std::string& file, int line,
                std::vector<std::string>* warnings)
        : object_(object), where_(std::move(where)), file_(file), line_(line), warnings_(warnings) {}

    [[noreturn]] void fail(const std::string& message) const { throw ParseError(file_, line_, where_ + message); }

    std::string text(const char* name, bool required = false) const {
        const auto it = object_.find(name);
        if (it == object_.end() || it->is_null()) {
            if (required) fail(std::string("missing \"") + name + "\"");
            return {};
        }
        if (!it->is_string()) fail(std::string("\"") + name + "\" must be a string");
        return it->get<std::string>();
    }

    template <typename Int>
    Int integer(const char* name) const {
        const auto it = object_.find(name);
        if (it == object_.end() || it->is_null()) return 0;
        if (!it->is_number_integer()) fail(std::string("\"") + name + "\" must be a whole number");
        const auto value = it->get<long long>();
        if (value < std::numeric_limits<Int>::min() || value > std::numeric_limits<Int>::max())
            fail(std::string("\"") + name + "\" is out of range");
        return static_cast<Int>(value);
    }

    bool flag(const char* name) const {
        const auto it = object_.find(name);
        if (it == object_.end() || it->is_null()) return false;
        if (!it->is_boolean()) fail(std::string("\"") + name + "\" must be true or false");
        return it->get<bool>();
    }

    std::vector<std::string> texts(const char* name) const {
        std::vector<std::string> out;
        const auto it = object_.find(name);
        if (it == object_.end() || it->is_null()) return out;
        if (!it->is_array()) fail(std::string("\"") + name + "\" must be an array of strings");
        for (const json& item : *it) {
            if (!item.is_string()) fail(std::string("\"") + name + "\" must be an array of strings");
            out.push_back(item.get<std::string>());
        }
        return out;
    }

    // A role kbsearch does not know keeps the answer, as a community member's.
    AuthorRole role() const {
        const std::string name = text("role");
        if (name.empty()) return AuthorRole::User;
        if (const auto role = role_from_name(name)) return *role;
        warn("unknown \"role\" '" + name.substr(0, 40) + "' (" + role_names_list() + "): read as user");
        return AuthorRole::User;
    }

    // A date that is not ISO 8601 ("yesterday", "03/05/2024") is left out rather than shown
    // or sorted as if it were one.
    std::string date(const char* name) const {
        std::string value = text(name);
        if (value.empty() || !date_key(value).empty()) return value;
        warn("\"" + std::string(name) + "\" '" + value.substr(0, 40) +
             "' is not an ISO 8601 date (YYYY-MM-DD, optionally THH:MM:SS): left out");
        return {};
    }

    void warn(const std::string& message) const {
        if (warnings_) warnings_->push_back(where_ + message);
    }

  private:
    const json& object_;
    std::string where_;
    const std::string& file_;
    int line_;
    std::vector<std::string>* warnings_;
};

}  // namespace

ParseOutcome JsonLinesParser::parse_text(std::string_view text, const std::filesystem::path& file) const {
    return parse(text, file.string());
}

void JsonLinesParser::parse_one(std::string_view line, const std::string& file, int line_number,
                                const ParseSinks& sinks) const {
    if (line_number == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) return;
    Thread thread;
    std::vector<std::string> warnings;
    try {
        thread = parse_line(line, file, line_number, &warnings);
    } catch (ParseError& e) {
        sinks.error(std::move(e));
        return;
    }
    if (sinks.warning)
        for (const std::string& warning : warnings) sinks.warning(ParseError(file, line_number, warning));
    sinks.thread(std::move(thread));
}

void JsonLinesParser::parse_array(std::string_view text, const std::string& file, const ParseSinks& sinks) const {
    const LineIndex lines(text);
    for (const JsonArrayElement& element : split_json_array(text, lines, file, "thread objects"))
        parse_one(element.text, file, lines.line_at(static_cast<std::ptrdiff_t>(element.offset)), sinks);
}

namespace {

// Whether the text, past a byte order mark and spaces, opens a JSON array.
bool opens_array(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    const auto first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && text[first] == '[';
}

}  // namespace

ParseOutcome JsonLinesParser::parse(std::string_view text, const std::string& file) const {
    ParseOutcome outcome;
    const ParseSinks sinks{[&](Thread&& t) { outcome.threads.push_back(std::move(t)); },
                           [&](ParseError&& e) { outcome.errors.push_back(std::move(e)); },
                           [&](ParseError&& e) { outcome.warnings.push_back(std::move(e)); }};
    if (opens_array(text)) {
        try {
            parse_array(text, file, sinks);
        } catch (ParseError& e) {
            outcome.errors.push_back(std::move(e));
        }
        return outcome;
    }
    int line_number = 0;
    std::size_t from = 0;
    while (from < text.size()) {
        std::size_t end = text.find('\n', from);
        if (end == std::string_view::npos) end = text.size();
        parse_one(text.substr(from, end - from), file, ++line_number, sinks);
        from = end + 1;
    }
    return outcome;
}

void JsonLinesParser::parse_records(const std::filesystem::path& file, const ParseSinks& sinks) const {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) throw ParseError(file.string(), 0, "cannot read: is a directory");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ParseError(file.string(), 0, "cannot open for reading");
    const std::string name = file.string();
    {
        // The array form is one document, read whole (within the limit any whole file has).
        std::string head(64, '\0');
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        head.resize(static_cast<std::size_t>(in.gcount()));
        if (opens_array(head)) {
            parse_array(read_input_file(file, max_file_bytes()), name, sinks);
            return;
        }
        in.clear();
        in.seekg(0);
    }
    // One line at a time into a buffer of at most kMaxLineBytes: a longer line (a binary file, a
    // dump without newlines) is reported and passed over unread, so no line, however long, can
    // take the memory of a whole export.
    const auto size = std::filesystem::file_size(file, ec);
    std::vector<char> buffer(ec ? kMaxLineBytes + 1
                                : static_cast<std::size_t>(std::min<std::uintmax_t>(size, kMaxLineBytes)) + 1);
    int line_number = 0;
    while (in) {
        in.getline(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto extracted = static_cast<std::size_t>(in.gcount());  // with the '\n', if one was read
        if (extracted == 0 && in.eof()) break;
        ++line_number;
        if (in.fail() && !in.eof()) {  // the buffer filled before the line ended
            in.clear();
            in.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
            sinks.error(ParseError(name, line_number,
                                   "line exceeds the " + std::to_string(kMaxLineBytes) + "-byte limit for one thread"));
            continue;
        }
        const std::size_t length = in.eof() ? extracted : extracted - 1;
        parse_one(std::string_view(buffer.data(), length), name, line_number, sinks);
    }
    if (in.bad()) throw ParseError(name, line_number, "read error");
}

Thread JsonLinesParser::parse_line(std::string_view line, const std::string& file, int line_number,
                                   std::vector<std::string>* warnings) const {
    json object;
    try {
        object = json::parse(line);
    } catch (const json::exception& e) {  // syntax, and numbers past double's range (1e309)
        throw ParseError(file, line_number, "not valid JSON: " + without_json_library_tag(e.what()));
    }
    if (!object.is_object()) throw ParseError(file, line_number, "a line must hold one JSON object");
    const FieldReader fields(object, "", file, line_number, warnings);

    Thread t;
    t.source_file = file;
    t.source_line = line_number;
    t.id = fields.text("id", true);
    if (t.id.empty() || t.id.size() > 200) fields.fail("\"id\" must be 1 to 200 bytes");
    t.title = fields.text("title");
    t.question = fields.text("question");
    if (t.title.empty() && t.question.empty()) fields.fail("a thread needs a \"title\" or a \"question\"");
    t.product_path = fields.texts("product");
    t.date = fields.date("date");
    t.asker_name = fields.text("asker");
    t.asker_reputation = fields.integer<long>("asker_reputation");
    t.comment_count = fields.integer<int>("comments");

    const auto answers = object.find("answers");
    if (answers != object.end() && !answers->is_null()) {
        if (!answers->is_array()) fields.fail("\"answers\" must be an array");
        int n = 0;
        for (const json& item : *answers) {
            ++n;
            const FieldReader answer_fields(item, "answer " + std::to_string(n) + ": ", file, line_number, warnings);
            if (!item.is_object()) answer_fields.fail("must be an object");
            Answer a;
            a.body = answer_fields.text("body", true);
            a.role = answer_fields.role();
            a.role_label = answer_fields.text("role_label");
            a.reputation = answer_fields.integer<long>("reputation");
            a.helpful = answer_fields.integer<int>("helpful");
            a.accepted = answer_fields.flag("accepted");
            a.author_name = answer_fields.text("author");
            a.date = answer_fields.date("date");
            a.source_id = answer_fields.text("source_id");
            a.source_line = line_number;
            t.answers.push_back(std::move(a));
        }
    }
    return t;
}

}  // namespace kb
