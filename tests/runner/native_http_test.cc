// The native transport's URL handling: request targets and the resolution
// that decides whether a run can use it.

#include <gtest/gtest.h>
#include <netinet/in.h>

#include "runner/native_http_internal.h"

namespace loadlaw::runner::internal {
namespace {

TEST(NativeHttpTest, RequestTargetIsThePathAndQuery) {
  EXPECT_EQ(RequestTarget("http://h:1/v1/chat/completions"),
            "/v1/chat/completions");
  EXPECT_EQ(RequestTarget("http://h:1"), "/");
  EXPECT_EQ(RequestTarget("http://h:1?a=b"), "/?a=b");
  EXPECT_EQ(RequestTarget("http://h:1/p?q=1#frag"), "/p?q=1");
  EXPECT_EQ(RequestTarget("http://h:1#frag"), "/");
}

TEST(NativeHttpTest, ResolvesPlainHttpTargets) {
  std::string why;
  std::optional<NativeTarget> t =
      ResolveNativeTarget("http://127.0.0.1:8123/v1", &why);
  ASSERT_TRUE(t) << why;
  EXPECT_EQ(t->authority, "127.0.0.1:8123");
  ASSERT_EQ(t->address.ss_family, AF_INET);
  EXPECT_EQ(ntohs(reinterpret_cast<const sockaddr_in&>(t->address).sin_port),
            8123);
  t = ResolveNativeTarget("HTTP://[::1]:9/", &why);
  ASSERT_TRUE(t) << why;
  EXPECT_EQ(t->address.ss_family, AF_INET6);
  EXPECT_EQ(t->authority, "[::1]:9");
  t = ResolveNativeTarget("http://127.0.0.1", &why);
  ASSERT_TRUE(t) << why;
  EXPECT_EQ(ntohs(reinterpret_cast<const sockaddr_in&>(t->address).sin_port),
            80);
}

TEST(NativeHttpTest, LeavesOtherTargetsToLibcurlSayingWhy) {
  std::string why;
  EXPECT_FALSE(ResolveNativeTarget("https://127.0.0.1:1", &why));
  EXPECT_EQ(why, "not an http:// URL");
  EXPECT_FALSE(ResolveNativeTarget("http://u:p@127.0.0.1:1", &why));
  EXPECT_EQ(why, "the URL carries credentials");
  EXPECT_FALSE(ResolveNativeTarget("http://127.0.0.1:x/", &why));
  EXPECT_NE(why.find("no host or port"), std::string::npos);
  EXPECT_FALSE(ResolveNativeTarget("http://no-such-host.invalid:1", &why));
  EXPECT_NE(why.find("cannot resolve"), std::string::npos);
}

}  // namespace
}  // namespace loadlaw::runner::internal
