"""The contract scenario, driven by the official MONAILabelClient (run with the server venv's python).

    python monailabel_official_scenario.py URL VOLUME_A VOLUME_B WORKDIR [--auth USER PASSWORD]

Prints one JSON object: what each step returned (enough for the test to check the client got sensible
answers); the test reads the emulator's journal to check every request the client sent was valid.
"""

from __future__ import annotations

import json
import sys
import time

from monailabel.client import MONAILabelClient


def main(argv: list[str]) -> dict[str, object]:
    url, volume_a, volume_b, workdir = argv[:4]
    client = MONAILabelClient(url, tmpdir=workdir, client_id="oracle")
    out: dict[str, object] = {}
    if "--auth" in argv:
        user, password = argv[argv.index("--auth") + 1 : argv.index("--auth") + 3]
        out["auth_enabled"] = client.auth_enabled()
        token = client.auth_token(user, password)
        client.update_auth(token)
        out["auth_valid_token"] = client.auth_valid_token()
        out["models"] = sorted(client.info()["models"])
        return out
    out["auth_enabled"] = client.auth_enabled()
    out["models"] = sorted(client.info()["models"])
    out["upload"] = client.upload_image(volume_a, image_id="oracle-a")["image"]
    out["upload_b"] = client.upload_image(volume_b, image_id="oracle-b", params={"note": "second"})["image"]
    out["datastore"] = sorted(client.datastore()["objects"])
    out["next_sample"] = client.next_sample("first", {}).get("id")
    label, params = client.infer("threshold", "oracle-a", {})
    out["infer_params"] = sorted(params)
    out["save_label"] = client.save_label("oracle-a", label, tag="final")["label"]
    out["download_label"] = bool(client.download_label("oracle-a", "final"))
    session = client.create_session(volume_b)
    out["session_image"] = bool(client.get_session(session["session_id"])["image"])
    label, _ = client.infer("threshold", "", {}, session_id=session["session_id"])
    out["session_infer"] = bool(label)
    client.remove_session(session["session_id"])
    out["wsi_infer"] = client.wsi_infer("threshold", "oracle-a", output="json")[0] is None
    out["train_start"] = client.train_start("threshold", {"max_epochs": 1})["status"]
    deadline = time.monotonic() + 30
    while client.train_status(check_if_running=True) and time.monotonic() < deadline:
        time.sleep(0.2)
    out["train_status"] = client.train_status()["status"]
    out["train_stop"] = client.train_stop()
    return out


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
