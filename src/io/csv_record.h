// The RFC 4180 record reader under the names the io stage uses. The one implementation is
// core/csv_record.cc, in core so that every stage (reference, gravity, models) may read CSV through it.
#pragma once

#include "core/csv_record.h"

namespace tradeshock::io_internal {

using csv_internal::IsValidUtf8;
using csv_internal::LineOf;
using csv_internal::NextRecordBoundary;
using csv_internal::RecordReader;
using csv_internal::RecordStatus;
using csv_internal::DescribeRecordLimit;

}  // namespace tradeshock::io_internal
