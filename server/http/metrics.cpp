#include "server/http/metrics.h"

#include <sstream>

namespace kb {

void Metrics::record(const std::string& route, int status, double milliseconds) {
    const std::lock_guard lock(mutex_);
    ++requests_[{route, status}];
    Histogram& h = latency_[route];
    ++h.count;
    h.sum_ms += milliseconds;
    for (std::size_t i = 0; i < kBucketsMs.size(); ++i)
        if (milliseconds <= kBucketsMs[i]) {
            ++h.buckets[i];
            break;
        }
}

std::string Metrics::prometheus_text(const IndexGauges& index, const std::optional<CacheGauges>& cache) const {
    const std::lock_guard lock(mutex_);
    std::ostringstream out;
    out << "# HELP kbsearch_index_documents Threads in the index being served.\n"
        << "# TYPE kbsearch_index_documents gauge\n"
        << "kbsearch_index_documents " << index.documents << "\n"
        << "# HELP kbsearch_index_generation_age_seconds Seconds since the served generation was published.\n"
        << "# TYPE kbsearch_index_generation_age_seconds gauge\n"
        << "kbsearch_index_generation_age_seconds " << index.generation_age_seconds << "\n"
        << "# HELP kbsearch_index_readable 1 when a search could read the index at this scrape, else 0.\n"
        << "# TYPE kbsearch_index_readable gauge\n"
        << "kbsearch_index_readable " << (index.readable ? 1 : 0) << "\n";
    if (!index.shards_up.empty()) {
        out << "# HELP kbsearch_shard_up 1 while a remote shard answers, 0 while it is down.\n"
            << "# TYPE kbsearch_shard_up gauge\n";
        for (const auto& [shard, up] : index.shards_up) {
            std::string label;  // the exposition format's escapes, whatever the stub's host holds
            for (const char c : shard)
                label += c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n" : std::string(1, c);
            out << "kbsearch_shard_up{shard=\"" << label << "\"} " << (up ? 1 : 0) << "\n";
        }
    }
    if (cache) {
        out << "# HELP kbsearch_result_cache_hits_total Searches answered from the result cache.\n"
            << "# TYPE kbsearch_result_cache_hits_total counter\n"
            << "kbsearch_result_cache_hits_total " << cache->hits << "\n"
            << "# HELP kbsearch_result_cache_misses_total Searches the result cache could not answer.\n"
            << "# TYPE kbsearch_result_cache_misses_total counter\n"
            << "kbsearch_result_cache_misses_total " << cache->misses << "\n"
            << "# HELP kbsearch_result_cache_entries Answers the result cache holds.\n"
            << "# TYPE kbsearch_result_cache_entries gauge\n"
            << "kbsearch_result_cache_entries " << cache->entries << "\n"
            << "# HELP kbsearch_result_cache_bytes About the memory the result cache holds, of its limit.\n"
            << "# TYPE kbsearch_result_cache_bytes gauge\n"
            << "kbsearch_result_cache_bytes " << cache->bytes << "\n"
            << "kbsearch_result_cache_max_bytes " << cache->max_bytes << "\n";
    }
    out << "# HELP kbsearch_http_requests_total HTTP requests by route and status.\n"
        << "# TYPE kbsearch_http_requests_total counter\n";
    for (const auto& [key, count] : requests_)
        out << "kbsearch_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second << "\"} " << count
            << "\n";
    out << "# HELP kbsearch_http_errors_total HTTP responses with status 400 or above, by route.\n"
        << "# TYPE kbsearch_http_errors_total counter\n";
    std::map<std::string, unsigned long> errors;
    for (const auto& [key, count] : requests_)
        if (key.second >= 400) errors[key.first] += count;
    for (const auto& [route, count] : errors)
        out << "kbsearch_http_errors_total{route=\"" << route << "\"} " << count << "\n";
    out << "# HELP kbsearch_http_request_duration_seconds Request latency by route.\n"
        << "# TYPE kbsearch_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
        unsigned long cumulative = 0;
        for (std::size_t i = 0; i < kBucketsMs.size(); ++i) {
            cumulative += h.buckets[i];
            out << "kbsearch_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\""
                << kBucketsMs[i] / 1000.0 << "\"} " << cumulative << "\n";
        }
        out << "kbsearch_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} " << h.count
            << "\n";
        out << "kbsearch_http_request_duration_seconds_sum{route=\"" << route << "\"} " << h.sum_ms / 1000.0 << "\n";
        out << "kbsearch_http_request_duration_seconds_count{route=\"" << route << "\"} " << h.count << "\n";
    }
    return out.str();
}

}  // namespace kb
