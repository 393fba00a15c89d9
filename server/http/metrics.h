// Metrics: request counts, errors and latency histograms per route, in Prometheus text format.
// Thread-safe: every worker records into it.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace kb {

// What the index looks like to the server at the moment of a scrape.
struct IndexGauges {
    unsigned long documents = 0;
    double generation_age_seconds = 0;      // since the live generation was published
    bool readable = true;                   // a search could read the index at the scrape
    std::map<std::string, bool> shards_up;  // each remote shard ("host:port"), up or down
};

// The search result cache at a scrape; absent when the server keeps none.
struct CacheGauges {
    unsigned long long hits = 0, misses = 0;
    std::size_t entries = 0, bytes = 0, max_bytes = 0;
};

class Metrics {
  public:
    void record(const std::string& route, int status, double milliseconds);
    std::string prometheus_text(const IndexGauges& index, const std::optional<CacheGauges>& cache = {}) const;

    // Upper bounds in milliseconds; the last bucket is +Inf.
    static constexpr std::array<double, 11> kBucketsMs{0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000};

  private:
    struct Histogram {
        std::array<unsigned long, kBucketsMs.size()> buckets{};  // non-cumulative
        unsigned long count = 0;
        double sum_ms = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, unsigned long> requests_;  // (route, status) -> count
    std::map<std::string, Histogram> latency_;
};

}  // namespace kb
