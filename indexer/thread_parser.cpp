#include "indexer/thread_parser.h"

#include <array>
#include <fstream>

#include "indexer/seed_page_parser.h"

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
    if (ext == ".jsonl" || ext == ".ndjson") return InputFormat::JsonLines;
    if (ext == ".xml") return InputFormat::SemEvalXml;
    if (ext == ".json") return InputFormat::ScnJson;
    return InputFormat::SeedPage;
}

std::unique_ptr<ThreadParser> make_thread_parser(InputFormat format) {
    switch (format) {
        case InputFormat::SeedPage:
            return std::make_unique<SeedPageParser>();
        default:
            throw IndexError("no parser for input format '" + std::string(input_format_name(format)) + "'");
    }
}

std::string read_input_file(const std::filesystem::path& file, std::uintmax_t max_bytes) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) throw ParseError(file.string(), 0, "cannot read: " + ec.message());
    if (size > max_bytes)
        throw ParseError(file.string(), 0,
                         "file of " + std::to_string(size) + " bytes exceeds the " +
                             std::to_string(max_bytes) + "-byte limit for this format");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ParseError(file.string(), 0, "cannot open for reading");
    std::string text(size, '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

}  // namespace kb
