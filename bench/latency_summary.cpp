#include "bench/latency_summary.h"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <ostream>

namespace kb::bench {

void LatencySummary::add(const std::string& kind, double ms, bool empty_result) {
    for (Series* s : {&all_, &kinds_[kind]}) {
        s->ms.push_back(ms);
        s->empty += empty_result ? 1u : 0u;
    }
}

double LatencySummary::percentile(std::vector<double> values, int p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    // Nearest rank: the smallest value with at least p% of the values at or below it.
    const std::size_t n = values.size();
    std::size_t rank = (static_cast<std::size_t>(p) * n + 99) / 100;
    rank = std::clamp<std::size_t>(rank, 1, n);
    return values[rank - 1];
}

void LatencySummary::print(std::ostream& out, const std::string& label) const {
    auto line = [&](const std::string& kind, const Series& s) {
        const double mean = s.ms.empty() ? 0 : std::accumulate(s.ms.begin(), s.ms.end(), 0.0) / double(s.ms.size());
        char buf[256];
        std::snprintf(buf, sizeof buf, "%s kind=%s n=%zu p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f mean_ms=%.3f empty=%zu\n",
                      label.c_str(), kind.c_str(), s.ms.size(), percentile(s.ms, 50), percentile(s.ms, 95),
                      percentile(s.ms, 99), mean, s.empty);
        out << buf;
    };
    line("all", all_);
    for (const auto& [kind, s] : kinds_) line(kind, s);
}

}  // namespace kb::bench
