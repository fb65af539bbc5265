// Live views that reload on change: a person page, a case page, the overview. They follow their topics
// from now on, reload once the server confirms the subscription (so nothing between the first load and
// the subscription is missed) and again after events, at most once per `pauseMs` in a burst. A refused
// subscription loads once too, so that the view can say "not found".
import { useEffect, useRef } from "preact/hooks";
import { liveUrl } from "./api";
import { LiveConnection, type LiveState } from "./live";

export function useLiveReload(topics: string[], reload: () => void, onState: (s: LiveState) => void, pauseMs = 150) {
  const latest = useRef(reload);
  latest.current = reload;
  const key = topics.join(" ");
  useEffect(() => {
    if (topics.length === 0) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const soon = () => {
      if (timer === null) timer = setTimeout(() => { timer = null; latest.current(); }, pauseMs);
    };
    const live = new LiveConnection(liveUrl(), {
      onEvent: soon,
      onState,
      onReset: () => latest.current(),
      onSubscribed: () => latest.current(),
      onRefused: () => latest.current(), // the view shows why: not found, or not the caller's
    });
    live.follow(topics);
    return () => {
      if (timer !== null) clearTimeout(timer);
      live.stop();
    };
  }, [key]);
}
