// Metrics: what record() adds up, read back from prometheus_text() as a scraper reads it:
// counters by (route, status), errors, cumulative latency buckets with +Inf, _sum and _count.
#include <cmath>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "server/http/metrics.h"

namespace {

// The value of one series ("name{labels}") in Prometheus text, or NaN (equal to nothing) when absent.
double sample(const std::string& text, const std::string& series) {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (line.size() > series.size() && line.compare(0, series.size(), series) == 0 && line[series.size()] == ' ')
            return std::stod(line.substr(series.size() + 1));
    }
    return std::nan("");
}

std::string requests(const std::string& route, int status) {
    return "kbsearch_http_requests_total{route=\"" + route + "\",status=\"" + std::to_string(status) + "\"}";
}
std::string bucket(const std::string& route, const std::string& le) {
    return "kbsearch_http_request_duration_seconds_bucket{route=\"" + route + "\",le=\"" + le + "\"}";
}
std::string sum_of(const std::string& route) {
    return "kbsearch_http_request_duration_seconds_sum{route=\"" + route + "\"}";
}
std::string count_of(const std::string& route) {
    return "kbsearch_http_request_duration_seconds_count{route=\"" + route + "\"}";
}

// The le labels of Metrics::kBucketsMs, in seconds, as Prometheus writes them.
const std::vector<std::string> kLe{"0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025",
                                   "0.05",   "0.1",   "0.25",   "0.5",   "1",    "+Inf"};

}  // namespace

TEST_CASE("metrics: requests counted by route and status, errors by route", "[unit]") {
    kb::Metrics metrics;
    for (int i = 0; i < 3; ++i) metrics.record("/api/search", 200, 1.0);
    metrics.record("/api/search", 400, 1.0);
    metrics.record("/api/threads", 404, 2.0);
    metrics.record("/api/threads", 200, 2.0);
    metrics.record("/api/similar", 503, 2.0);
    const std::string text = metrics.prometheus_text({});
    CAPTURE(text);

    CHECK(text.find("# TYPE kbsearch_http_requests_total counter\n") != std::string::npos);
    CHECK(text.find("# TYPE kbsearch_http_errors_total counter\n") != std::string::npos);
    CHECK(text.find("# TYPE kbsearch_http_request_duration_seconds histogram\n") != std::string::npos);

    CHECK(sample(text, requests("/api/search", 200)) == 3.0);
    CHECK(sample(text, requests("/api/search", 400)) == 1.0);
    CHECK(sample(text, requests("/api/threads", 404)) == 1.0);
    CHECK(sample(text, requests("/api/threads", 200)) == 1.0);
    CHECK(sample(text, requests("/api/similar", 503)) == 1.0);
    CHECK(std::isnan(sample(text, requests("/api/similar", 200))));  // never recorded
    // Errors are responses with status 400 or above.
    CHECK(sample(text, "kbsearch_http_errors_total{route=\"/api/search\"}") == 1.0);
    CHECK(sample(text, "kbsearch_http_errors_total{route=\"/api/threads\"}") == 1.0);
    CHECK(sample(text, "kbsearch_http_errors_total{route=\"/api/similar\"}") == 1.0);
    // The latency histogram counts every request of a route, whatever its status.
    CHECK(sample(text, count_of("/api/search")) == 4.0);
    CHECK(sample(text, count_of("/api/threads")) == 2.0);
}

TEST_CASE("metrics: latency buckets are cumulative and end in +Inf, with _sum and _count", "[unit]") {
    kb::Metrics metrics;
    for (double ms : {0.2, 0.7, 3.0, 30.0, 700.0, 5000.0}) metrics.record("/api/search", 200, ms);
    const std::string text = metrics.prometheus_text({});
    CAPTURE(text);

    // Requests at or under each bound: 0.2 | 0.7 | 3 | 30 | 700 | 5000 (over every bound).
    const std::vector<double> expected{1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 6};
    REQUIRE(kLe.size() == kb::Metrics::kBucketsMs.size() + 1);
    for (std::size_t i = 0; i < kLe.size(); ++i) {
        CAPTURE(kLe[i]);
        CHECK(sample(text, bucket("/api/search", kLe[i])) == expected[i]);
    }
    CHECK(sample(text, count_of("/api/search")) == 6.0);
    CHECK(sample(text, sum_of("/api/search")) == Approx((0.2 + 0.7 + 3.0 + 30.0 + 700.0 + 5000.0) / 1000.0));
    // Buckets are written in ascending order of their bound, +Inf last.
    std::size_t at = 0;
    for (const std::string& le : kLe) {
        const std::size_t next = text.find(bucket("/api/search", le), at);
        CAPTURE(le);
        REQUIRE(next != std::string::npos);
        at = next;
    }
}

TEST_CASE("metrics: a value exactly on a bucket bound lands in that bucket", "[unit]") {
    const std::size_t i = GENERATE(range<std::size_t>(0, kb::Metrics::kBucketsMs.size()));
    const double bound = kb::Metrics::kBucketsMs[i];
    CAPTURE(bound);
    kb::Metrics on, above;
    on.record("/r", 200, bound);
    above.record("/r", 200, std::nextafter(bound, 1e9));
    const std::string on_text = on.prometheus_text({}), above_text = above.prometheus_text({});
    for (std::size_t j = 0; j < kLe.size(); ++j) {
        CAPTURE(kLe[j]);
        CHECK(sample(on_text, bucket("/r", kLe[j])) == (j >= i ? 1.0 : 0.0));
        CHECK(sample(above_text, bucket("/r", kLe[j])) == (j > i ? 1.0 : 0.0));
    }
}

TEST_CASE("metrics: concurrent record() from several threads adds up exactly", "[unit]") {
    kb::Metrics metrics;
    constexpr int kThreads = 8, kPerThread = 5000;
    std::vector<std::thread> workers;
    for (int t = 0; t < kThreads; ++t)
        workers.emplace_back([&metrics, t] {
            for (int i = 0; i < kPerThread; ++i) {
                metrics.record(t % 2 ? "/api/search" : "/api/suggest", i % 10 == 0 ? 500 : 200, 2.0);
                if (i % 100 == 0) (void)metrics.prometheus_text({});  // readers while others write
            }
        });
    for (auto& w : workers) w.join();
    const std::string text = metrics.prometheus_text({});
    CAPTURE(text);
    // Four threads on each route; one request in ten is a 500.
    for (const std::string route : {"/api/search", "/api/suggest"}) {
        CAPTURE(route);
        const double all = kThreads / 2 * kPerThread, errors = all / 10;
        CHECK(sample(text, requests(route, 200)) == all - errors);
        CHECK(sample(text, requests(route, 500)) == errors);
        CHECK(sample(text, "kbsearch_http_errors_total{route=\"" + route + "\"}") == errors);
        CHECK(sample(text, count_of(route)) == all);
        CHECK(sample(text, bucket(route, "0.001")) == 0.0);
        CHECK(sample(text, bucket(route, "0.0025")) == all);
        CHECK(sample(text, bucket(route, "+Inf")) == all);
        CHECK(sample(text, sum_of(route)) == Approx(all * 2.0 / 1000.0));
    }
}
