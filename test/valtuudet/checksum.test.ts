import { valtuudetAuthorization, valtuudetBasicAuth, valtuudetChecksum } from '../../infra/valtuudet/checksum';

// The published test vector (specs/valtuudet.md §3, from the OPH client's test).
const CLIENT_ID = 'ed4b7ae7';
const API_KEY = '3ba56df8-88b8-4805-9b04-2f8e7a61';
const TIMESTAMP = '2017-02-09T10:29:42.09Z';
const path = (mode: string) => `/service/${mode}/user/register/ed4b7ae7/080297-915A?requestId=02fd35dc-99e6-477b-b6e2-03f02cbf3666`;

describe('[#3] X-AsiointivaltuudetAuthorization', () => {
  it('signs the HPA register path of the test vector', () => {
    expect(valtuudetChecksum(API_KEY, path('hpa'), TIMESTAMP)).toBe('z7X+xWtrvth1L7Ql6B/4xZ0iQ1VjToWX4TnHVLo8RGo=');
  });

  it('signs the YPA register path of the test vector', () => {
    expect(valtuudetChecksum(API_KEY, path('ypa'), TIMESTAMP)).toBe('z1xDqaSjDwnVniJvis0SqMXeQEBtgBgzozhQqftmY9U=');
  });

  it('builds the whole header value', () => {
    expect(valtuudetAuthorization(CLIENT_ID, API_KEY, path('hpa'), TIMESTAMP))
      .toBe('ed4b7ae7 2017-02-09T10:29:42.09Z z7X+xWtrvth1L7Ql6B/4xZ0iQ1VjToWX4TnHVLo8RGo=');
  });

  it('sends the token endpoint plain Basic auth of the test vector', () => {
    expect(valtuudetBasicAuth(CLIENT_ID, 'abc-api-key')).toBe('Basic ZWQ0YjdhZTc6YWJjLWFwaS1rZXk=');
  });
});
