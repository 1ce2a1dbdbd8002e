#!/usr/bin/env python3
"""An index split into shards, two served by xapian-tcpsrv on loopback and
one local, named by a stub file, answers as the single index does.

    tests/e2e/remote_shards_test.py RUNGS CORPUS_DIR

Exits 77 (a skip) when xapian-tcpsrv (Debian's xapian-tools) is missing.
"""
import json, os, shutil, socket, subprocess, sys, tempfile, time

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def wait_for(port, server):
    deadline = time.time() + 15
    while time.time() < deadline:
        if server.poll() is not None:
            sys.exit(f"xapian-tcpsrv on port {port} exited with {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"xapian-tcpsrv on port {port} did not start listening")

def main():
    rungs, corpus = sys.argv[1], sys.argv[2]
    server_bin = shutil.which("xapian-tcpsrv")
    if not server_bin:
        print("SKIP: xapian-tcpsrv is not installed (apt-get install xapian-tools)")
        return 77
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, XDG_DATA_HOME=os.path.join(tmp, "xdg"), RUNGS_DB="")

        def run(*args):
            out = subprocess.run([rungs, *args], capture_output=True, text=True, env=env)
            if out.returncode != 0:
                sys.exit(f"rungs {' '.join(args)} failed ({out.returncode}): {out.stderr.strip()}")
            return out.stdout

        ladders = {name: os.path.join(corpus, name + ".yaml")
                   for name in ("ops-sre", "gitlab-support", "octopus-support", "octopus-devops-support")}
        split = {"a": ["ops-sre", "gitlab-support"], "b": ["octopus-support"], "c": ["octopus-devops-support"]}
        for shard, names in split.items():
            run("index", *[ladders[n] for n in names], "--db", os.path.join(tmp, shard), "--no-bundled", "-q")
        single = os.path.join(tmp, "single")
        run("index", *ladders.values(), "--db", single, "--no-bundled", "-q")

        servers, lines = [], []
        try:
            for shard in ("a", "b"):
                port = free_port()
                server = subprocess.Popen([server_bin, "--port", str(port), "--interface", "127.0.0.1", "--quiet",
                                           os.path.join(tmp, shard)],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                          start_new_session=True)
                servers.append(server)
                wait_for(port, server)
                lines.append(f"remote 127.0.0.1:{port}")
            lines.append("# a local shard beside the remote ones, relative to this file")
            lines.append("auto c")
            stub = os.path.join(tmp, "shards.stub")
            with open(stub, "w") as f:
                f.write("\n".join(lines) + "\n")

            def same(what, args, normalise=lambda x: x):
                one = normalise(json.loads(run(*args, "--db", single, "--json")))
                many = normalise(json.loads(run(*args, "--db", stub, "--json")))
                if one != many:
                    failures.append(f"{what}: the shards answer otherwise than the single index")
                    if os.environ.get("SHOW_DIFF"):
                        print(json.dumps(one)[:600]); print(json.dumps(many)[:600])
                print(f"{'ok ' if one == many else 'DIFF'} {what}")

            def search_answer(out):
                # Remote shards compute weights on the server: scores agree to about
                # 0.1% (and ties may come in another order), so hits compare as a
                # sorted list with their scores to two significant digits.
                hits = sorted((h["ladder"], h["level"], h["text"], h["snippet"], float(f"{h['score']:.2g}"))
                              for h in out["hits"])
                return {"total": out["total"], "facets": out["facets"], "hits": hits}

            same("ladders", ["ladders"])
            for query in ["on call", "oncall", "incident", "mentors AND reliability", "customers NOT tickets",
                          "\"code review\"", "ladder:ops-sre incident", "kind:summary", "documentation writing",
                          "coaching"]:
                same(f"search {query!r}", ["search", query, "--limit", "1000"], search_answer)
            same("level 'runs the incident war room'", ["level", "runs the incident war room"])
            same("map ops-sre octopus-support", ["map", "ops-sre", "octopus-support"])

            # Writes through the stub: a ladder held by a remote shard is refused
            # (nothing written); a new one goes to the local shard.
            refused = subprocess.run([rungs, "index", ladders["ops-sre"], "--db", stub, "-q"],
                                     capture_output=True, text=True, env=env)
            ok = refused.returncode != 0 and "remote shard" in refused.stderr
            print(f"{'ok ' if ok else 'FAIL'} index of a ladder a remote shard holds is refused")
            if not ok:
                failures.append(f"index through the stub of a remotely held ladder: {refused.returncode} "
                                f"{refused.stderr.strip()}")
            extra = os.path.join(tmp, "extra.md")
            with open(extra, "w") as f:
                f.write("# Extra\n\n## Analyst I\n\n- Answers tickets with help.\n\n"
                        "## Analyst II\n\n- Handles escalations independently.\n")
            run("index", extra, "--db", stub, "-q")
            in_c = [l["id"] for l in json.loads(run("ladders", "--db", os.path.join(tmp, "c"), "--json"))["ladders"]]
            ok = in_c == ["extra", "octopus-devops-support"]
            print(f"{'ok ' if ok else 'FAIL'} a new ladder goes to the local shard")
            if not ok:
                failures.append(f"the new ladder did not land in the local shard: {in_c}")
        finally:
            for server in servers:  # the server and the child it forked per connection
                os.killpg(server.pid, 9)
                server.wait()
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0

if __name__ == "__main__":
    sys.exit(main())
