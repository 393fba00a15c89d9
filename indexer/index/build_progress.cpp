#include "indexer/index/build_progress.h"

#include <cmath>
#include <cstdio>
#include <ostream>

namespace kb {

namespace {

// A terminal line is rewritten this often at most, so printing never slows the build.
constexpr std::chrono::milliseconds kTerminalEvery{200};

// 20000 -> "20,000".
std::string with_commas(std::size_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

}  // namespace

BuildProgress::BuildProgress(std::ostream& log, Mode mode, std::chrono::milliseconds lines_every)
    : log_(log), mode_(mode), every_(mode == Mode::Terminal ? kTerminalEvery : lines_every) {}

BuildProgress::~BuildProgress() {
    if (open_ && mode_ == Mode::Terminal) log_ << "\n" << std::flush;
}

std::string BuildProgress::duration_text(double seconds) {
    const auto whole = static_cast<long>(std::lround(std::max(0.0, seconds)));
    char text[32];
    if (whole < 60)
        std::snprintf(text, sizeof text, "%ld s", whole);
    else if (whole < 3600)
        std::snprintf(text, sizeof text, "%ld min %02ld s", whole / 60, whole % 60);
    else
        std::snprintf(text, sizeof text, "%ld h %02ld min", whole / 3600, whole / 60 % 60);
    return text;
}

void BuildProgress::phase(const std::string& name, std::size_t total, const std::string& unit) {
    end_phase();
    name_ = name;
    unit_ = unit;
    total_ = total;
    done_ = 0;
    started_ = last_written_ = Clock::now();
    open_ = true;
    if (mode_ == Mode::Lines) log_ << name_ << (total_ ? " (" + with_commas(total_) + " " + unit_ + ")" : "") << "\n";
    if (mode_ == Mode::Terminal) write(false);
}

void BuildProgress::advance(std::size_t done) {
    done_ = done;
    if (mode_ == Mode::Off || Clock::now() - last_written_ < every_) return;
    write(false);
}

void BuildProgress::end_phase() {
    if (!open_) return;
    write(true);
    open_ = false;
}

std::string BuildProgress::line() const {
    const double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    std::string text = name_;
    if (total_ > 0) {
        const double share = std::min(1.0, static_cast<double>(done_) / static_cast<double>(total_));
        text += ": " + std::to_string(static_cast<int>(share * 100)) + "% (" + with_commas(done_) + " of " +
                with_commas(total_) + " " + unit_ + ")";
    } else if (done_ > 0) {
        text += ": " + with_commas(done_) + " " + unit_;
    }
    if (done_ > 0 && seconds >= 0.5) {
        const double rate = static_cast<double>(done_) / seconds;
        text += ", " + with_commas(static_cast<std::size_t>(rate)) + " " + unit_ + "/s";
        if (total_ > done_ && rate > 0)
            text += ", " + duration_text(static_cast<double>(total_ - done_) / rate) + " left";
    }
    return text;
}

void BuildProgress::write(bool final) {
    if (mode_ == Mode::Off) return;
    last_written_ = Clock::now();
    const double seconds = std::chrono::duration<double>(last_written_ - started_).count();
    std::string text = line();
    if (final) text += " — done in " + duration_text(seconds);
    if (mode_ == Mode::Terminal) {
        // Padded over what the last line left, then a newline once the phase is over.
        log_ << "\r" << text << "\x1b[K" << (final ? "\n" : "") << std::flush;
    } else {
        log_ << text << "\n" << std::flush;
    }
}

}  // namespace kb
