#include "indexer/ingest/thread_parser.h"

#include <algorithm>
#include <array>
#include <fstream>

#include "indexer/ingest/json_lines_parser.h"
#include "indexer/ingest/scn_json_parser.h"
#include "indexer/ingest/seed_page_parser.h"
#include "indexer/ingest/semeval_xml_parser.h"

namespace kb {

namespace {

struct FormatName {
    InputFormat format;
    std::string_view name;
};
constexpr std::array<FormatName, 5> kFormatNames{{
    {InputFormat::Auto, "auto"},
    {InputFormat::SeedPage, "seed"},
    {InputFormat::SemEvalXml, "semeval"},
    {InputFormat::ScnJson, "scn"},
    {InputFormat::JsonLines, "jsonl"},
}};

}  // namespace

std::optional<InputFormat> input_format_from_name(std::string_view name) {
    for (const auto& entry : kFormatNames)
        if (entry.name == name) return entry.format;
    return std::nullopt;
}

std::string_view input_format_name(InputFormat format) {
    for (const auto& entry : kFormatNames)
        if (entry.format == format) return entry.name;
    return "unknown";
}

InputFormat detect_input_format(const std::filesystem::path& file) {
    const std::string ext = file.extension().string();
    // The first bytes decide when they are unambiguous: an XML declaration or <xml> root is the
    // SemEval release, an array of objects an SCN dump (posts have a "uid") or JSON Lines' array
    // form (threads have an "id"), an object on the first line JSON Lines.
    // Anything else (a file that cannot be read, or text) goes by its extension.
    std::string head(512, '\0');
    {
        std::ifstream in(file, std::ios::binary);
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        head.resize(in ? head.size() : static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
    }
    if (head.rfind("\xEF\xBB\xBF", 0) == 0) head.erase(0, 3);
    const auto first = head.find_first_not_of(" \t\r\n");
    if (first != std::string::npos) {
        const std::string_view start = std::string_view(head).substr(first);
        if (start.rfind("<?xml", 0) == 0 || start.rfind("<xml", 0) == 0) return InputFormat::SemEvalXml;
        const auto next = start.find_first_not_of(" \t\r\n", 1);
        if (start[0] == '[' && next != std::string_view::npos && (start[next] == '{' || start[next] == ']'))
            return start.find("\"uid\"") == std::string_view::npos && start.find("\"id\"") != std::string_view::npos
                       ? InputFormat::JsonLines
                       : InputFormat::ScnJson;
        if (start[0] == '{' && (ext == ".json" || ext == ".jsonl" || ext == ".ndjson")) return InputFormat::JsonLines;
    }
    if (ext == ".jsonl" || ext == ".ndjson") return InputFormat::JsonLines;
    if (ext == ".xml") return InputFormat::SemEvalXml;
    if (ext == ".json") return InputFormat::ScnJson;
    return InputFormat::SeedPage;
}

std::unique_ptr<ThreadParser> make_thread_parser(InputFormat format) {
    switch (format) {
        case InputFormat::SeedPage:
            return std::make_unique<SeedPageParser>();
        case InputFormat::SemEvalXml:
            return std::make_unique<SemEvalXmlParser>();
        case InputFormat::ScnJson:
            return std::make_unique<ScnJsonParser>();
        case InputFormat::JsonLines:
            return std::make_unique<JsonLinesParser>();
        default:
            throw IndexError("no parser for input format '" + std::string(input_format_name(format)) + "'");
    }
}

void ThreadParser::parse_file(const std::filesystem::path& file, const ParseSinks& sinks) const {
    try {
        parse_records(file, sinks);
    } catch (ParseError& e) {
        sinks.error(std::move(e));
    }
}

ParseOutcome ThreadParser::parse_file(const std::filesystem::path& file) const {
    ParseOutcome outcome;
    parse_file(file, ParseSinks{[&](Thread&& t) { outcome.threads.push_back(std::move(t)); },
                                [&](ParseError&& e) { outcome.errors.push_back(std::move(e)); }});
    return outcome;
}

void ThreadParser::parse_records(const std::filesystem::path& file, const ParseSinks& sinks) const {
    ParseOutcome outcome = parse_text(read_input_file(file, max_file_bytes()), file);
    for (ParseError& e : outcome.errors) sinks.error(std::move(e));
    for (Thread& t : outcome.threads) sinks.thread(std::move(t));
}

std::uintmax_t ThreadParser::max_file_bytes() const { return kMaxInputFileBytes; }

std::string read_input_file(const std::filesystem::path& file, std::uintmax_t max_bytes) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) throw ParseError(file.string(), 0, "cannot read: " + ec.message());
    if (size > max_bytes)
        throw ParseError(file.string(), 0,
                         "file of " + std::to_string(size) + " bytes exceeds the " + std::to_string(max_bytes) +
                             "-byte limit for this format");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ParseError(file.string(), 0, "cannot open for reading");
    std::string text(size, '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

}  // namespace kb
