// JsonLinesParser: kbsearch's own interchange format, one thread per line as a JSON object
// (docs/jsonl-format.md). The way to feed threads from any other source into the index.
#pragma once

#include <string>
#include <string_view>

#include "indexer/ingest/thread_parser.h"

namespace kb {

class JsonLinesParser : public ThreadParser {
  public:
    std::string_view format_name() const override { return "jsonl"; }

    // Parses text held in memory; `file` names it in errors. Blank lines are ignored; a line
    // that is not a valid thread is reported with its number and skipped. A text that starts
    // with '[' is the array form: one JSON array of the same thread objects.
    ParseOutcome parse(std::string_view text, const std::string& file) const;

    // The longest line read as a thread.
    static constexpr std::size_t kMaxLineBytes = 16u * 1024 * 1024;

    // One line's thread. Throws ParseError (file, line) naming the field at fault. What is
    // kept another way (an unknown role as a user's, a date that is not one left out) is said
    // in `warnings`, when given.
    Thread parse_line(std::string_view line, const std::string& file, int line_number,
                      std::vector<std::string>* warnings = nullptr) const;

  protected:
    ParseOutcome parse_text(std::string_view text, const std::filesystem::path& file) const override;
    // Line by line: memory holds one line, so an export of any size indexes.
    void parse_records(const std::filesystem::path& file, const ParseSinks& sinks) const override;

  private:
    // A line's thread to sinks.thread, or its error to sinks.error; blank lines are skipped.
    void parse_one(std::string_view line, const std::string& file, int line_number, const ParseSinks& sinks) const;
    // The array form: each element as a line of its own, at the line where it starts.
    void parse_array(std::string_view text, const std::string& file, const ParseSinks& sinks) const;
};

}  // namespace kb
