// ThrownBy: the message of the tradeshock::Error a call throws, or "no error", so that a test can assert
// the whole message in one EXPECT_EQ / EXPECT_THAT.
#pragma once

#include <string>

#include "tradeshock/error.h"

namespace tradeshock {

template <class Compute>
std::string ThrownBy(Compute&& compute) {
  try {
    compute();
  } catch (const Error& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace tradeshock
