// RequestHead as tables: which request heads are complete, which are refused and with what status,
// and that a head trickled a byte at a time gets the same verdict as one sent whole.
#include <string>

#include <catch2/catch.hpp>

#include "server/http/request_head.h"

using kb::RequestHead;

namespace {

struct Verdict {
    RequestHead::State state;
    int status = 0;  // the refusal's, when refused
};

Verdict verdict_of(const std::string& bytes, bool trickled, std::size_t max_body = 1000) {
    const kb::ConnectionLimits limits;
    RequestHead head(limits, max_body);
    RequestHead::State state = RequestHead::State::Incomplete;
    if (trickled) {
        for (std::size_t n = 1; n <= bytes.size() && state == RequestHead::State::Incomplete; ++n)
            state = head.scan(std::string_view(bytes).substr(0, n));
    } else {
        state = head.scan(bytes);
    }
    return {state, state == RequestHead::State::Refused ? head.refusal().error->status : 0};
}

std::string headers(std::size_t count, std::size_t value_bytes) {
    std::string text;
    for (std::size_t i = 0; i < count; ++i)
        text += "X-H" + std::to_string(i) + ": " + std::string(value_bytes, 'v') + "\r\n";
    return text;
}

}  // namespace

TEST_CASE("request heads are held to framing rules and limits", "[unit][http_head]") {
    const std::string get = "GET /api/health HTTP/1.1\r\n";
    struct Row {
        std::string bytes;
        RequestHead::State state;
        int status;
    };
    using S = RequestHead::State;
    const Row rows[] = {
        {get + "Host: a\r\n\r\n", S::Complete, 0},
        {"\r\n" + get + "Host: a\r\n\r\n", S::Complete, 0},  // an empty line before it is allowed
        {"GET / HTTP/1.0\r\n\r\n", S::Complete, 0},          // 1.0 needs no Host
        {get + "Host: a\r\nContent-Length: 30\r\n\r\n", S::Complete, 0},
        {get + "Host: a\r\n", S::Incomplete, 0},
        {get + "Host: a\r\nHost: b\r\n\r\n", S::Refused, 400},
        {get + "\r\n", S::Refused, 400},  // HTTP/1.1 without Host
        {"GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n", S::Refused, 400},
        {get + "Host: a\r\nContent-Length: +30\r\n\r\n", S::Refused, 400},
        {get + "Host: a\r\nContent-Length: 30, 30\r\n\r\n", S::Refused, 400},
        {get + "Host: a\r\nContent-Length: -1\r\n\r\n", S::Refused, 400},
        {get + "Host: a\r\nContent-Length: 0x10\r\n\r\n", S::Refused, 400},
        {get + "Host: a\r\nContent-Length:\r\n\r\n", S::Refused, 400},
        {get + "Host: a\r\nContent-Length: 30\r\nContent-Length: 30\r\n\r\n", S::Refused, 400},
        {get + "Host: a\r\nContent-Length: 99999999999999999999\r\n\r\n", S::Refused, 400},
        {get + "Host: a\r\nContent-Length: 1001\r\n\r\n", S::Refused, 413},
        {get + "Host : a\r\n\r\n", S::Refused, 400},              // space before the colon
        {get + "Host: a\r\n folded\r\n\r\n", S::Refused, 400},    // obsolete line folding
        {get + "Host: a\r\nX: a\x01z\r\n\r\n", S::Refused, 400},  // a control character in a value
        {get + "Host: a\nX: b\r\n\r\n", S::Refused, 400},         // a bare LF
        {"GET /a\x01 HTTP/1.1\r\nHost: a\r\n\r\n", S::Refused, 400},
        {"GET  / HTTP/1.1\r\nHost: a\r\n\r\n", S::Refused, 400},
        {"GET / HTTP/2.0\r\nHost: a\r\n\r\n", S::Refused, 400},
        {"GET /\r\nHost: a\r\n\r\n", S::Refused, 400},
        {"GET /" + std::string(9 * 1024, 'a') + " HTTP/1.1\r\nHost: a\r\n\r\n", S::Refused, 414},
        {"GET /" + std::string(9 * 1024, 'a'), S::Refused, 414},  // refused before the line ends
        {get + "Host: a\r\nX-Big: " + std::string(9 * 1024, 'b') + "\r\n\r\n", S::Refused, 431},
        {get + "Host: a\r\n" + headers(100, 1), S::Refused, 431},         // 101 header lines
        {get + "Host: a\r\n" + headers(98, 1) + "\r\n", S::Complete, 0},  // 99
        {get + "Host: a\r\n" + headers(5, 7000), S::Refused, 431},        // over 32 KB in all
    };
    for (const Row& row : rows) {
        for (const bool trickled : {false, true}) {
            CAPTURE(row.bytes.substr(0, 120), trickled);
            const Verdict verdict = verdict_of(row.bytes, trickled);
            CHECK(verdict.state == row.state);
            CHECK(verdict.status == row.status);
        }
    }
}

TEST_CASE("a complete head says where the body starts and how long it is", "[unit][http_head]") {
    const kb::ConnectionLimits limits;
    RequestHead head(limits, 1000);
    const std::string head_text = "POST /api/similar HTTP/1.1\r\nHost: a\r\nContent-Length: 12\r\n\r\n";
    REQUIRE(head.scan(head_text + "{\"text\":\"x\"}GET / HTTP/1.1\r\n") == RequestHead::State::Complete);
    CHECK(head.size() == head_text.size());
    CHECK(head.content_length() == 12);
}
