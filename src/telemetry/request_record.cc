// Names of the error classes, token sources and phases.

#include "loadlaw/telemetry/request_record.h"

namespace loadlaw::telemetry {

std::string_view ErrorClassName(ErrorClass error) {
  switch (error) {
    case ErrorClass::kNone:
      return "none";
    case ErrorClass::kConnect:
      return "connect";
    case ErrorClass::kTimeout:
      return "timeout";
    case ErrorClass::kHttp429:
      return "http_429";
    case ErrorClass::kHttp4xx:
      return "http_4xx";
    case ErrorClass::kHttp5xx:
      return "http_5xx";
    case ErrorClass::kStreamBroken:
      return "stream_broken";
    case ErrorClass::kMalformed:
      return "malformed";
    case ErrorClass::kValidation:
      return "validation";
  }
  return "none";
}

const std::array<ErrorClass, kErrorClassCount>& AllErrorClasses() {
  static constexpr std::array<ErrorClass, kErrorClassCount> kAll = {
      ErrorClass::kConnect,   ErrorClass::kTimeout,
      ErrorClass::kHttp429,   ErrorClass::kHttp4xx,
      ErrorClass::kHttp5xx,   ErrorClass::kStreamBroken,
      ErrorClass::kMalformed, ErrorClass::kValidation,
  };
  return kAll;
}

std::string_view TokenSourceName(TokenSource source) {
  switch (source) {
    case TokenSource::kUsage:
      return "usage";
    case TokenSource::kChunks:
      return "chunks";
    case TokenSource::kNone:
      break;
  }
  return "none";
}

std::string_view PhaseName(Phase phase) {
  switch (phase) {
    case Phase::kWarmup:
      return "warmup";
    case Phase::kMeasure:
      return "measure";
    case Phase::kDrain:
      return "drain";
  }
  return "measure";
}

}  // namespace loadlaw::telemetry
