// The library's error hierarchy. Each error carries the context a user needs to act on it;
// the CLI and HTTP edges translate these into messages and statuses.
#pragma once

#include <stdexcept>
#include <string>

namespace kb {

class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// A thread file or record that cannot be read as its format; the build reports it and goes on.
// Line 0 means the whole file (unreadable, too large) and is not printed.
class ParseError : public Error {
  public:
    ParseError(std::string file, int line, const std::string& message)
        : Error(file + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " + message),
          file_(std::move(file)),
          line_(line),
          reason_(message) {}
    const std::string& file() const { return file_; }
    int line() const { return line_; }
    const std::string& reason() const { return reason_; }

  private:
    std::string file_;
    int line_;
    std::string reason_;
};

// What the user must change about a query, for the edges to name (the HTTP API's error codes).
enum class QueryProblem {
    Invalid,           // not UTF-8, not parseable, a filter on something that is no code
    Empty,             // nothing to search for
    TooLong,           // over a size limit
    TooComplex,        // more phrases or words than one search may weigh
    BadParameter,      // unknown, repeated or out of range
    MissingParameter,  // a required parameter or field is absent
    BadJson,           // a body that is not the JSON object asked for
};

// A query the user must change (empty, too long, invalid UTF-8, bad parameter): HTTP 400.
class QueryError : public Error {
  public:
    explicit QueryError(const std::string& message, QueryProblem problem = QueryProblem::Invalid)
        : Error(message), problem_(problem) {}
    QueryProblem problem() const { return problem_; }

  private:
    QueryProblem problem_;
};

// The index cannot be built, opened or published.
class IndexError : public Error {
  public:
    using Error::Error;
};

// A thread id that the index does not hold: HTTP 404.
class NotFoundError : public Error {
  public:
    using Error::Error;
};

}  // namespace kb
