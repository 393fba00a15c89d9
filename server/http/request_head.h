// RequestHead: finds a request's head (request line and headers) in the bytes a client has sent so
// far, held to ConnectionLimits as it arrives and to strict HTTP/1.1 framing once whole, before
// httplib parses it. A pure function of the bytes: tested without a socket.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "server/http/api_errors.h"
#include "server/http/connection_limits.h"

namespace kb {

class RequestHead {
  public:
    enum class State { Incomplete, Complete, Refused };
    struct Refusal {
        const ApiError* error;  // its status is the answer's
        std::string message;
    };

    // `max_body_bytes`: a Content-Length over it is refused (413) before any body is read.
    RequestHead(const ConnectionLimits& limits, std::size_t max_body_bytes);

    // `received` is everything the client has sent on this request so far; each call passes the
    // same bytes plus more. Only the new bytes are looked at, so a trickled head costs no more.
    State scan(std::string_view received);

    // Once Complete: the head's length, blank line included (the body, if any, follows).
    std::size_t size() const { return size_; }
    // Once Complete: the declared body length (0 when there is no Content-Length).
    std::uint64_t content_length() const { return content_length_; }
    // Once Refused: the error to answer with, then close.
    const Refusal& refusal() const { return *refusal_; }

  private:
    State refuse(const ApiError& error, std::string message);
    // The whole head against the framing rules: request line, header syntax, Host, Content-Length.
    State check(std::string_view head);
    // One header line; false (the refusal set) when it breaks a rule. Counts Host and Content-Length.
    bool check_header(std::string_view line, int& hosts, int& lengths);

    const ConnectionLimits& limits_;
    std::size_t max_body_bytes_;
    std::size_t scanned_ = 0;       // bytes of `received` already looked at
    std::size_t line_start_ = 0;    // where the line being read begins
    std::size_t request_line_ = 0;  // where the request line begins (empty lines before it are skipped)
    bool in_request_line_ = true;   // no request line read yet
    std::size_t header_lines_ = 0;
    std::size_t header_bytes_ = 0;  // complete header lines, CRLF included
    std::size_t size_ = 0;
    std::uint64_t content_length_ = 0;
    std::optional<Refusal> refusal_;
};

}  // namespace kb
