"""Many calls on one keep-alive connection from Python requests (Debian's python3-requests).

Usage: keep_alive_client.py <plan.json>

The plan names the server ("url"), the client certificate ("cert", "key"), the CA ("ca"), how many
rounds to make ("rounds") and the calls of one round ("calls": path, soapAction, body, and the
smallest answer expected, "minBytes"; "name" for the report). Every call goes through one requests.Session, so the calls
share a connection as long as the server keeps it open. Prints one JSON document on stdout: the
calls made, those answered with HTTP 200 and at least minBytes, the sizes seen per call, how many
connections were opened, and the first few failures as they were seen.
"""

import json
import sys

import requests
from urllib3.connectionpool import HTTPSConnectionPool


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        plan = json.load(f)

    # Counts the connections the pool opens: one means every call was served on the same one.
    opened = {"count": 0}
    new_conn = HTTPSConnectionPool._new_conn

    def counting_new_conn(pool):
        opened["count"] += 1
        return new_conn(pool)

    HTTPSConnectionPool._new_conn = counting_new_conn

    session = requests.Session()
    # REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE from the environment would override session.verify.
    session.trust_env = False
    session.cert = (plan["cert"], plan["key"])
    session.verify = plan["ca"]
    made = answered = 0
    failures = []
    sizes = [[None, None] for _ in plan["calls"]]
    for round_number in range(plan["rounds"]):
        for index, call in enumerate(plan["calls"]):
            made += 1
            try:
                response = session.post(
                    plan["url"] + call["path"],
                    data=call["body"].encode("utf-8"),
                    headers={
                        "Content-Type": "text/xml; charset=utf-8",
                        "SOAPAction": '"%s"' % call["soapAction"],
                    },
                    timeout=30,
                )
                size = len(response.content)
                low, high = sizes[index]
                sizes[index] = [size if low is None else min(low, size), size if high is None else max(high, size)]
                if response.status_code == 200 and size >= call["minBytes"]:
                    answered += 1
                    continue
                problem = "HTTP %d, %d bytes" % (response.status_code, size)
            except requests.RequestException as error:
                problem = "%s: %s" % (type(error).__name__, error)
            if len(failures) < 10:
                failures.append({"round": round_number, "call": call["name"], "problem": problem})

    json.dump(
        {
            "made": made,
            "answered": answered,
            "sizes": [{"call": c["name"], "min": s[0], "max": s[1]} for c, s in zip(plan["calls"], sizes)],
            "connections": opened["count"],
            "failures": failures,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
