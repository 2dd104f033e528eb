/** A frame page of case 13's Chromium rows: joins the host page (whose origin its URL names) with the frame runtime. */
import { startFrame } from '@actorpair/window-actors/frame';

void startFrame({ hostOrigin: new URL(location.href).searchParams.get('host')! });
